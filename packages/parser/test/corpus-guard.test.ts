/**
 * The guard scripts/test.mjs puts on the shared corpus: its fingerprint must
 * change with any write into the tree, also when the tree is reached through
 * a symbolic link (a checkout may have ../shared/corpus as one).
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error -- a plain JavaScript module of the test runner, without type declarations
import { fingerprint } from "../../../scripts/corpus-guard.mjs";

const guard = fingerprint as (root: string) => string | undefined;
const root = mkdtempSync(path.join(tmpdir(), "xlint-guard-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("the shared-corpus guard", () => {
  const real = path.join(root, "real");
  mkdirSync(path.join(real, "project"), { recursive: true });
  writeFileSync(path.join(real, "project", "web.cfg"), 'name = "web"\n');
  const link = path.join(root, "corpus");
  symlinkSync(real, link);

  it("sees a file changed through a linked corpus, and a file added", () => {
    const first = guard(link);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(guard(link)).toBe(first);
    writeFileSync(path.join(link, "project", "web.cfg"), 'name = "web2"\n');
    const second = guard(link);
    expect(second).not.toBe(first);
    writeFileSync(path.join(real, "project", "new.cfg"), "");
    expect(guard(link)).not.toBe(second);
  });

  it("has nothing to guard when there is no corpus", () => {
    expect(guard(path.join(root, "missing"))).toBeUndefined();
  });
});
