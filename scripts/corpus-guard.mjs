// The shared corpus (../shared/corpus) is input that tests may only read. A
// fingerprint of it, taken before the tests and compared after, catches a test
// that writes into it, even through a symbolic link.
import { createHash } from "node:crypto";
import { lstatSync, readdirSync, readFileSync, readlinkSync, realpathSync } from "node:fs";
import path from "node:path";

/** A hash of a folder tree as found through links (names, kinds, link targets, contents); undefined when it is absent. */
export function fingerprint(root) {
  let top;
  try {
    top = realpathSync(root);
  } catch {
    return undefined;
  }
  const hash = createHash("sha256");
  const visit = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      const stat = lstatSync(full);
      hash.update(`${path.relative(top, full)}\0${stat.mode}\0`);
      if (stat.isSymbolicLink()) hash.update(readlinkSync(full));
      else if (stat.isDirectory()) visit(full);
      else if (stat.isFile()) hash.update(readFileSync(full));
      hash.update("\0");
    }
  };
  visit(top);
  return hash.digest("hex");
}
