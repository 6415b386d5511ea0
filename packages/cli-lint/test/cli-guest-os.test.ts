/**
 * The guest OS through the command: xlint.json's `guests` globs (relative to
 * the xlint.json's folder, nearest config first, last matching entry first),
 * a bad entry reported with its line and column, the `# xlint-guest-os:`
 * comment winning over both, and `xlint dump --explain`.
 */
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Scratch } from "./run-xlint";

const scratch = new Scratch();
afterAll(() => scratch.dispose());

/** A PVH guest whose kernel name says nothing, with a numeric vdev whose severity depends on the OS. */
const plain = (name: string): string => `name = "${name}"\ntype = "pvh"\nkernel = "/srv/xen/kernel.gz"\nmemory = 512\ndisk = [ "/srv/xen/${name}.img,raw,0x0,w" ]\n`;

interface Diagnostic {
  rule: string;
  severity: string;
  message: string;
}
interface Report {
  files: { path: string; diagnostics: Diagnostic[] }[];
}

function numericVdev(args: string[], cwd: string): [string, string][] {
  const r = scratch.run(["--format", "json", ...args], { cwd });
  expect(r.stderr).not.toMatch(/internal error/);
  const report = JSON.parse(r.stdout) as Report;
  return report.files.flatMap((f) => f.diagnostics.filter((d) => d.rule === "disk-numeric-vdev").map((d): [string, string] => [f.path, d.severity]));
}

describe("xlint.json guests", () => {
  const repo = path.join(scratch.root, "repo");
  scratch.write(
    "repo/xlint.json",
    '{\n  "root": true,\n  "guests": [\n    { "files": ["bsd/**"], "os": "netbsd" },\n    { "files": ["bsd/linux-*.cfg"], "os": "linux" }\n  ]\n}\n',
  );
  scratch.write("repo/bsd/a.cfg", plain("a"));
  scratch.write("repo/bsd/linux-b.cfg", plain("b"));
  scratch.write("repo/other/c.cfg", plain("c"));
  scratch.write("repo/bsd/d.cfg", `# xlint-guest-os: linux\n${plain("d")}`);
  scratch.write("repo/nested/xlint.json", '{ "guests": [{ "files": ["*.cfg"], "os": "linux" }] }\n');
  scratch.write("repo/nested/e.cfg", plain("e"));

  it("states the OS per glob: a later entry wins, a nearer xlint.json wins, a comment wins over both", () => {
    expect(numericVdev(["."], repo)).toEqual([
      ["bsd/a.cfg", "info"],
      ["bsd/d.cfg", "error"],
      ["bsd/linux-b.cfg", "error"],
      ["nested/e.cfg", "error"],
      ["other/c.cfg", "warning"],
    ]);
  });

  it("applies to a file named on the command line from another folder, and to --fix runs", () => {
    expect(numericVdev([path.join("repo", "bsd", "a.cfg")], scratch.root)).toEqual([["repo/bsd/a.cfg", "info"]]);
  });

  it("reports a bad entry with its line and column, and exits 2", () => {
    scratch.write("bad/xlint.json", '{\n  "root": true,\n  "guests": [{ "files": ["*.cfg"], "os": "openbsd" }]\n}\n');
    scratch.write("bad/a.cfg", plain("a"));
    const r = scratch.run(["a.cfg"], { cwd: path.join(scratch.root, "bad") });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${path.join(scratch.root, "bad", "xlint.json")}:3:42: "os" must be one of "linux", "netbsd", "freebsd", "windows", "unikernel", "unknown"`);
  });
});

describe("xlint dump --explain", () => {
  it("prints the guest type, guest OS and arch, each with its evidence and line", () => {
    scratch.write(
      "explain/nb.cfg",
      '# The NetBSD HOWTO\'s minimal domU\nname = "domU-id"\nkernel = "/netbsd-XEN3PAE_DOMU-i386-foo.gz"\nmemory = 1024\nextra = "root=/dev/xvda1"\n',
    );
    const r = scratch.run(["dump", "--explain", "nb.cfg"], { cwd: path.join(scratch.root, "explain") });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const [head, type, os, ev1, ev2, arch] = r.stdout.split("\n");
    expect([head, type, os, ev1, ev2]).toEqual([
      "nb.cfg",
      "guest type: pv (xl's default on x86: neither `type` nor `builder` is set)",
      "guest OS:   netbsd (inferred from the config)",
      "  line 3: kernel `/netbsd-XEN3PAE_DOMU-i386-foo.gz` is a NetBSD kernel name [strong]",
      "  line 5: `root=/dev/xvda1` in `extra` is a Linux kernel argument [medium]",
    ]);
    // The arch is whatever resolveArch says, x86 here, with its reason.
    expect(arch).toMatch(/^arch: {7}x86 \(/);
  });

  it("shows `type`, a stated OS and its origin, and an unknown OS", () => {
    scratch.write("explain2/xlint.json", '{ "root": true, "guests": [{ "files": ["*.cfg"], "os": "freebsd" }], "host": { "arch": "x86" } }\n');
    scratch.write("explain2/vm.cfg", 'name = "vm"\ntype = "pvh"\nkernel = "/srv/xen/kernel"\n');
    const cwd = path.join(scratch.root, "explain2");
    const r = scratch.run(["dump", "--explain", "vm.cfg"], { cwd });
    expect(r.stdout.split("\n").slice(0, 6)).toEqual([
      "vm.cfg",
      "guest type: pvh (from `type`)",
      '  line 2: type = "pvh"',
      "guest OS:   freebsd (stated by xlint.json)",
      `  stated by ${path.join(cwd, "xlint.json")} ("guests": ["*.cfg"])`,
      "arch:       x86 (stated by the host profile)",
    ]);
    scratch.write("explain2/hvm.xl", '# xlint-guest-os: unknown\nname = "w"\ntype = "hvm"\n');
    const u = scratch.run(["dump", "--explain", "hvm.xl"], { cwd });
    expect(u.stdout.split("\n")[3]).toBe("guest OS:   unknown (stated by a comment in the file)");
    expect(u.stdout.split("\n")[4]).toBe("  line 1: stated by the comment `# xlint-guest-os: unknown`");
  });

  it("reads standard input, and --explain belongs to dump", () => {
    const r = scratch.run(["dump", "--explain", "-"], { stdin: 'name = "x"\nkernel = "/boot/vmlinuz"\n' });
    expect(r.stdout.split("\n").slice(0, 3)).toEqual(["<stdin>", "guest type: pv (xl's default on x86: neither `type` nor `builder` is set)", "guest OS:   linux (inferred from the config)"]);
    const bad = scratch.run(["--explain", "x.cfg"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--explain belongs to `xlint dump`");
  });
});
