import assert from "node:assert/strict";
import { unlockedWarning } from "../../src/inventory/_unlocked.ts";

Deno.test("unlockedWarning: a stale lock names the update command; skipped optionals say why", () => {
  assert.equal(
    unlockedWarning("package.json", ["ms@^2.1.3"], { lock: "yarn.lock", install: "yarn install" }),
    "package.json declares ms@^2.1.3, which yarn.lock does not lock: it is not in the SBOM; " +
      "run `yarn install` to update the lock",
  );
  assert.equal(
    unlockedWarning("core/package.json", ["@x/core-linux@1.0.0", "@x/core-darwin@1.0.0"], {
      lock: "bun.lock",
      install: "bun install",
      optional: true,
    }),
    "core/package.json declares optional @x/core-linux@1.0.0, @x/core-darwin@1.0.0, which " +
      "bun.lock does not lock: they are not in the SBOM (`bun install` leaves out an optional " +
      "dependency it cannot resolve)",
  );
});
