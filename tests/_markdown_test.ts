import assert from "node:assert/strict";
import { markdownCode, markdownText, terminalText } from "../src/_markdown.ts";

Deno.test("terminalText: line feeds kept, every other control and bidi override shown as \\uXXXX", () => {
  assert.equal(
    terminalText("a\u001b[2Jb\nc\rd\te\u009bf\u202eg"),
    [
      "a\\u001b[2Jb\nc\\u000dd\\u0009e\\u009bf\\u202eg",
    ].join(""),
  );
  assert.equal(terminalText("plain ü — ok"), "plain ü — ok");
});

Deno.test("markdownText: inline syntax, HTML, entities and pipes escaped; one line; controls shown", () => {
  assert.equal(
    markdownText("**a** _b_ [c](d) <i> &amp; x|y ~z~ `e`"),
    [
      "\\*\\*a\\*\\* \\_b\\_ \\[c\\](d) \\<i\\> \\&amp; x\\|y \\~z\\~ \\`e\\`",
    ].join(""),
  );
  assert.equal(markdownText("a\nb\\c"), "a b\\\\c");
  assert.equal(markdownText("\u001b[2J\u202e"), "\\\\u001b\\[2J\\\\u202e");
});

Deno.test("markdownCode: a fence longer than any backtick run inside, padded at a backtick edge", () => {
  assert.equal(markdownCode("plain"), "`plain`");
  assert.equal(markdownCode("a`b"), "``a`b``");
  assert.equal(markdownCode("``x``"), "``` ``x`` ```");
  assert.equal(markdownCode("l1\nl2"), "`l1 l2`");
  assert.equal(markdownCode("a|b"), "`a|b`");
  assert.equal(markdownCode("a|b", { table: true }), "`a\\|b`");
});

Deno.test("markdownText: an intraword _ (which cannot emphasise) stays, a flanking one is escaped", () => {
  assert.equal(markdownText("demo_app-1.0 supply_chain_x"), "demo_app-1.0 supply_chain_x");
  assert.equal(markdownText("_x_ a_ _b été_ü"), "\\_x\\_ a\\_ \\_b été_ü");
});
