import assert from "node:assert/strict";
import { isVouchError, type VouchError } from "../../../src/errors.ts";
import {
  childElements,
  lineColumn,
  localName,
  MAX_XML_NODES,
  parseXml,
  textOf,
  type XmlElement,
} from "../../../src/inventory/_formats/xml.ts";

const CODE = "inventory.maven_pom.invalid";

function parse(text: string, maxDepth?: number): XmlElement {
  return parseXml(text, "pom.xml", CODE, maxDepth === undefined ? {} : { maxDepth }).root;
}

function xmlError(text: string, maxDepth?: number): VouchError {
  try {
    parse(text, maxDepth);
  } catch (error) {
    assert.ok(isVouchError(error), `expected a VouchError, got ${error}`);
    assert.equal(error.code, CODE);
    assert.ok(error.hint.length > 0);
    return error;
  }
  assert.fail(`expected an error for ${JSON.stringify(text.slice(0, 80))}`);
}

function assertRejected(text: string, message: RegExp, maxDepth?: number): void {
  assert.match(xmlError(text, maxDepth).message, message);
}

Deno.test("parseXml: elements, attributes, text, CDATA, comments and PIs", () => {
  const root = parse(
    `<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment -->
<?xml-stylesheet href="x.xsl"?>
<project a="1" b='two &amp; &lt;three&gt;'>
  <name>gson &#x26; &#38; &quot;json&quot; &apos;x&apos;</name>
  <!-- inside -->
  <code><![CDATA[if (a < b && c) { "<tag>" }]]></code>
  <empty/>
  <mixed>one<b>two</b>three</mixed>
  <?pi data?>
</project>
<!-- trailing comment -->
`,
  );
  assert.equal(root.name, "project");
  assert.deepEqual({ ...root.attributes }, { a: "1", b: "two & <three>" });
  const [name, code, empty, mixed] = childElements(root);
  assert.equal(textOf(name), `gson & & "json" 'x'`);
  assert.equal(textOf(code), `if (a < b && c) { "<tag>" }`);
  assert.deepEqual(empty.children, []);
  assert.deepEqual(mixed.children.map((c) => typeof c === "string" ? c : c.name), [
    "one",
    "b",
    "three",
  ]);
  assert.equal(textOf(mixed), "onethree", "text of the element itself, not of its children");
  assert.equal(childElements(root, "name").length, 1);
});

Deno.test("parseXml: the declaration's encoding, a byte-order mark, CR LF line ends", () => {
  const doc = parseXml(
    "\uFEFF<?xml version='1.0' encoding='ISO-8859-1' standalone='yes'?>\r\n<a x='1\r\n2'>l1\r\nl2\rl3</a>",
    "a.xml",
    CODE,
  );
  assert.equal(doc.encoding, "ISO-8859-1");
  assert.equal(textOf(doc.root), "l1\nl2\nl3");
  assert.equal(doc.root.attributes.x, "1 2", "attribute line breaks are normalized to spaces");
  assert.equal(parse("<a x='1\t&#10;2'/>").attributes.x, "1 \n2", "a character reference is kept");
  assert.equal(parseXml("<a/>", "a.xml", CODE).encoding, undefined);
});

Deno.test("parseXml: namespaces keep their prefix; localName drops it", () => {
  const root = parse(
    `<m:project xmlns:m="http://maven.apache.org/POM/4.0.0" xmlns="urn:x"><m:version>1</m:version></m:project>`,
  );
  assert.equal(root.name, "m:project");
  assert.equal(root.attributes["xmlns:m"], "http://maven.apache.org/POM/4.0.0");
  assert.equal(localName(root.name), "project");
  assert.equal(localName("plain"), "plain");
  assert.equal(textOf(childElements(root, "version")[0]), "1");
});

Deno.test("parseXml: a DOCTYPE without internal subset is skipped, never fetched", () => {
  for (
    const doctype of [
      "<!DOCTYPE project>",
      '<!DOCTYPE project SYSTEM "http://example.com/x.dtd">',
      `<!DOCTYPE project PUBLIC "-//X//DTD//EN" 'file:///etc/passwd'>`,
    ]
  ) {
    assert.equal(parse(`<?xml version="1.0"?>\n${doctype}\n<project>x</project>`).name, "project");
  }
});

Deno.test("parseXml: hostile input is refused: XXE, billion laughs, custom entities", () => {
  const laughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<lolz>&lol3;</lolz>`;
  assertRejected(laughs, /^pom\.xml:2:16: invalid XML: a DOCTYPE with an internal subset/);
  const xxe = `<?xml version="1.0"?>
<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<foo>&xxe;</foo>`;
  assertRejected(xxe, /internal subset/);
  // With the declaration outside (an external DTD), the reference stays undefined.
  assertRejected(
    `<!DOCTYPE foo SYSTEM "http://attacker.example/evil.dtd">\n<foo>&xxe;</foo>`,
    /^pom\.xml:2:6: invalid XML: undefined entity &xxe; \(vouch expands no custom or external entities\)/,
  );
  assertRejected(`<a b="&nbsp;"/>`, /^pom\.xml:1:7: invalid XML: undefined entity &nbsp;/);
  assertRejected(
    `<!DOCTYPE a>\n<!DOCTYPE a>\n<a/>`,
    /^pom\.xml:2:1: invalid XML: a second DOCTYPE/,
  );
});

Deno.test("parseXml: nesting is bounded without exhausting the stack", () => {
  const deep = (n: number): string => "<a>".repeat(n) + "</a>".repeat(n);
  assert.equal(parse(deep(256)).name, "a");
  assertRejected(deep(257), /^pom\.xml:1:769: invalid XML: elements nest deeper than 256 levels/);
  assertRejected(deep(100_000), /nest deeper than 256 levels/);
  assertRejected(deep(5), /nest deeper than 4 levels/, 4);
  // A long flat document is fine.
  assert.equal(childElements(parse(`<r>${"<i/>".repeat(50_000)}</r>`)).length, 50_000);
});

Deno.test("parseXml: more elements and attributes than MAX_XML_NODES are refused at the one past", () => {
  // 9.5 million elements (a 207 MB pom.xml) ran the heap out: a crash, not an error.
  const elements = "<a/>\n".repeat(MAX_XML_NODES - 1);
  assert.equal(parse(`<p>\n${elements}</p>`).children.length, 2 * MAX_XML_NODES - 1);
  assert.equal(
    xmlError(`<p>\n${elements}<a/></p>`).message,
    `pom.xml:${
      MAX_XML_NODES + 1
    }:1: invalid XML: more than ${MAX_XML_NODES} elements and attributes`,
  );
  // Attributes count too: an element of more than an object holds threw a RangeError.
  const attributes = Array.from({ length: MAX_XML_NODES }, (_, i) => `a${i}="1"`).join(" ");
  assert.match(
    xmlError(`<p ${attributes}/>`).message,
    /^pom\.xml:1:\d+: .* elements and attributes$/,
  );
});

Deno.test("parseXml: well-formedness errors name the line and column", () => {
  const cases: [string, RegExp][] = [
    ["<a>\n  <b>\n</a>", /^pom\.xml:3:1: invalid XML: <\/a> does not close <b>/],
    [
      "<a>\n  <b>text",
      /^pom\.xml:2:10: invalid XML: the file ends before <\/b> \(opened on line 2\)/,
    ],
    ["<a x='1' x='2'/>", /^pom\.xml:1:10: invalid XML: duplicate attribute x in <a>/],
    ["<a x='<'/>", /^pom\.xml:1:7: invalid XML: '<' inside the value of x/],
    ["<a x=1/>", /^pom\.xml:1:6: invalid XML: expected a quoted value for x/],
    ["<a x='1'y='2'/>", /expected whitespace, '>' or '\/>' in <a>/],
    ["<a>fish & chips</a>", /^pom\.xml:1:9: invalid XML: a bare '&' \(write &amp;\)/],
    ["<a>\r\nx\r\n&</a>", /^pom\.xml:3:1: invalid XML: a bare '&'/],
    ["<a>&#0;</a>", /^pom\.xml:1:4: invalid XML: &#0; is not a legal XML character/],
    ["<a>&#xD800;</a>", /&#xD800; is not a legal XML character/],
    ["<a>\u0001</a>", /^pom\.xml:1:4: invalid XML: the character U\+0001 is not allowed in XML/],
    ["<a><!-- a -- b --></a>", /^pom\.xml:1:11: invalid XML: '--' inside a comment/],
    ["<a><!-- x ---></a>", /^pom\.xml:1:11: invalid XML: '--' inside a comment/],
    ["<a><!-- open</a>", /a comment is not closed by -->/],
    ["<a>x]]>y</a>", /^pom\.xml:1:5: invalid XML: ']]>' in text/],
    ["<a><![CDATA[x</a>", /a CDATA section is not closed by \]\]>/],
    ["<a/><b/>", /^pom\.xml:1:5: invalid XML: content after the root element <\/a>/],
    ["<a/>text", /content after the root element/],
    ["text<a/>", /^pom\.xml:1:1: invalid XML: expected the root element, found "t"/],
    ["", /^pom\.xml:1:1: invalid XML: no root element/],
    ["  <!-- only a comment -->", /no root element/],
    [" <?xml version='1.0'?><a/>", /an XML declaration is allowed only at the very start/],
    ["<?xml encoding='UTF-8'?><a/>", /the XML declaration has no version 1\.x/],
    ["<?xml version='1.0' foo='x'?><a/>", /unknown "foo" in the XML declaration/],
    ["<a><!ELEMENT x></a>", /unexpected '<!' in element content/],
    ["<a></ a>", /expected an element name/],
    ["<1a/>", /expected an element name, found "1"/],
    ["</a>", /expected the root element/],
  ];
  for (const [text, message] of cases) assertRejected(text, message);
});

Deno.test("parseXml: U+FFFD is a character like any other (decodeText refuses invalid bytes)", () => {
  const doc = parseXml("<a><name>Jos\uFFFD</name><v>1</v></a>", "pom.xml", CODE);
  assert.equal(textOf(childElements(doc.root, "name")[0]), "Jos\uFFFD");
});

Deno.test("parseXml: every truncation of a document is a coded error, never a crash", () => {
  const text = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE project>
<project xmlns="http://maven.apache.org/POM/4.0.0" a='&amp;'>
  <!-- c -->
  <dependencies><dependency><groupId>g</groupId><![CDATA[x]]>&#x41;<?pi?></dependency></dependencies>
</project>`;
  let parsed = 0;
  for (let end = 0; end < text.length; end++) {
    try {
      parse(text.slice(0, end));
      parsed++;
    } catch (error) {
      assert.ok(isVouchError(error), `prefix ${end}: ${error}`);
      assert.match(error.message, /^pom\.xml:\d+:\d+: invalid XML: /);
    }
  }
  assert.equal(parsed, 0, "no strict prefix is a whole document");
  assert.equal(parse(text).name, "project");
});

Deno.test("lineColumn: 1-based line and column of an offset", () => {
  assert.deepEqual(lineColumn("ab\ncd", 0), { line: 1, column: 1 });
  assert.deepEqual(lineColumn("ab\ncd", 2), { line: 1, column: 3 });
  assert.deepEqual(lineColumn("ab\ncd", 4), { line: 2, column: 2 });
});
