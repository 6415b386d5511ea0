/**
 * Which files `xlint` lints: folders walked for configs (by name, and
 * extensionless ones by content), scripts and binaries left out, .gitignore
 * and config ignores respected, globs, standard input, and files named
 * explicitly always linted. Cross-file rules see every file of one run.
 */
import { afterAll, describe, expect, it } from "vitest";
import { Scratch } from "./run-xlint";

const scratch = new Scratch();
afterAll(() => scratch.dispose());

const CLEAN = (name: string, mac = "00:16:3e:00:00:01"): string =>
  `name = "${name}"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 512\nvcpus = 1\nvif = [ "mac=${mac},bridge=xenbr0" ]\n`;
const TYPO = (name: string): string => `${CLEAN(name, "00:16:3e:00:00:02")}memroy = 512\n`;

/** The files a run reported on, from its JSON output. */
function linted(args: string[], options: Parameters<Scratch["run"]>[1] = {}): string[] {
  const r = scratch.run(["--format", "json", ...args], options);
  expect(r.stderr, `xlint ${args.join(" ")}`).not.toMatch(/internal error/);
  return (JSON.parse(r.stdout) as { files: { path: string }[] }).files.map((f) => f.path).sort();
}

describe("a folder walk", () => {
  scratch.write("etc/xen/web01", CLEAN("web01"));
  scratch.write("etc/xen/db01.cfg", CLEAN("db01", "00:16:3e:00:00:03"));
  scratch.write("etc/xen/mail.xl", CLEAN("mail", "00:16:3e:00:00:04"));
  scratch.write("etc/xen/xl.conf", 'autoballoon = "off"\nvif.default.bridge = "xenbr0"\n');
  scratch.write("etc/xen/scripts/vif-custom", "#!/bin/sh\nname=foo\nexec /etc/xen/scripts/vif-bridge \"$@\"\n");
  scratch.write("etc/xen/README", "These are the guests of this host.\nEdit them with care.\n");
  scratch.write("etc/xen/blob", Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3d, 0x00, 0x01, 0x02]));
  scratch.write("etc/xen/auto/.hidden.cfg", CLEAN("hidden"));
  scratch.write("etc/xen/notes.txt", CLEAN("notes"));

  it("lints configs by name and extensionless ones by content, and leaves out scripts, text and binaries", () => {
    expect(linted(["etc/xen"])).toEqual(["etc/xen/db01.cfg", "etc/xen/mail.xl", "etc/xen/web01", "etc/xen/xl.conf"]);
  });

  it("always lints a file named explicitly", () => {
    expect(linted(["etc/xen/notes.txt"])).toEqual(["etc/xen/notes.txt"]);
  });

  it("lints a file given twice (or by folder and by name) once", () => {
    expect(linted(["etc/xen/web01", "etc/xen", "./etc/xen/web01"])).toEqual(["etc/xen/db01.cfg", "etc/xen/mail.xl", "etc/xen/web01", "etc/xen/xl.conf"]);
  });
});

describe(".gitignore and xlint.json ignores", () => {
  scratch.write("repo/.git/HEAD", "ref: refs/heads/main\n");
  scratch.write("repo/.gitignore", "generated/\n*.tmp.cfg\n");
  scratch.write("repo/.git/info/exclude", "local-only.cfg\n");
  scratch.write("repo/guests/a.cfg", CLEAN("a"));
  scratch.write("repo/guests/b.tmp.cfg", CLEAN("b"));
  scratch.write("repo/guests/local-only.cfg", CLEAN("c"));
  scratch.write("repo/generated/d.cfg", CLEAN("d"));
  scratch.write("repo/guests/old/.gitignore", "!keep.cfg\n*.cfg\n");
  scratch.write("repo/guests/old/e.cfg", CLEAN("e"));
  scratch.write("repo/guests/xlint.json", '{"ignore": ["archive/**"]}');
  scratch.write("repo/guests/archive/f.cfg", CLEAN("f"));

  it("leaves out what git ignores, at every level, and what xlint.json ignores", () => {
    expect(linted(["repo"])).toEqual(["repo/guests/a.cfg"]);
  });

  it("still lints an ignored file named explicitly", () => {
    expect(linted(["repo/generated/d.cfg"])).toEqual(["repo/generated/d.cfg"]);
  });

  it("applies the repository's .gitignore when walking a subfolder", () => {
    expect(linted(["repo/guests"])).toEqual(["repo/guests/a.cfg"]);
  });
});

describe("globs", () => {
  scratch.write("glob/a.cfg", CLEAN("ga"));
  scratch.write("glob/sub/b.cfg", CLEAN("gb", "00:16:3e:00:00:05"));
  scratch.write("glob/sub/c.conf", CLEAN("gc", "00:16:3e:00:00:06"));

  it("expands globs (quoted, so the shell leaves them alone)", () => {
    expect(linted(["glob/**/*.cfg"])).toEqual(["glob/a.cfg", "glob/sub/b.cfg"]);
    expect(linted(["glob/sub/*"])).toEqual(["glob/sub/b.cfg", "glob/sub/c.conf"]);
  });

  it("says so when a glob matches nothing, and exits 2", () => {
    const r = scratch.run(["glob/*.nothing"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("glob/*.nothing: no file matches this pattern");
  });
});

describe("standard input", () => {
  it("lints `-` under the name --stdin-filename gives, with that path's config", () => {
    scratch.write("stdin/xlint.json", '{"rules": {"unknown-key": "warning"}}');
    const r = scratch.run(["--format", "gcc", "--stdin-filename", "stdin/guest.cfg", "-"], { stdin: TYPO("s") });
    expect(r.stdout).toMatch(/^stdin\/guest\.cfg:7:1: warning: .*\[unknown-key\]$/m);
    expect(r.code).toBe(0);
  });

  it("calls it <stdin> without a name", () => {
    const r = scratch.run(["--format", "gcc", "-"], { stdin: `${CLEAN("s")}on_crash = "explode"\n` });
    expect(r.stdout).toMatch(/^<stdin>:7:12: error: .*\[invalid-enum-value\]$/m);
    expect(r.code).toBe(1);
  });
});

describe("one run, all files", () => {
  it("lets cross-file rules see every file: one MAC in two guests", () => {
    scratch.write("pair/one.cfg", CLEAN("one", "00:16:3e:aa:bb:cc"));
    scratch.write("pair/two.cfg", CLEAN("two", "00:16:3e:aa:bb:cc"));
    const r = scratch.run(["--format", "json", "pair"]);
    const report = JSON.parse(r.stdout) as { files: { path: string; diagnostics: { rule: string; related: { path: string }[] }[] }[] };
    const macs = report.files.flatMap((f) => f.diagnostics.filter((d) => d.rule === "duplicate-mac").map((d) => [f.path, d.related[0]?.path]));
    expect(macs).toEqual([
      ["pair/one.cfg", "pair/two.cfg"],
      ["pair/two.cfg", "pair/one.cfg"],
    ]);
    expect(r.code).toBe(1);
  });
});

describe("paths that cannot be linted", () => {
  it("names a missing path and exits 2, after linting the rest", () => {
    scratch.write("some/ok.cfg", CLEAN("ok"));
    const r = scratch.run(["--format", "gcc", "some/ok.cfg", "some/missing.cfg"]);
    expect(r.stderr).toContain("xlint: some/missing.cfg: no such file or directory");
    expect(r.stderr).toContain("1 file checked");
    expect(r.code).toBe(2);
  });
});
