/**
 * Many hosts in one repository, through the command: a file's host comes
 * from the nearest xlint.json's `host.name` or from a folder an xlint.json
 * declares in `hosts`; names, UUIDs and local disk targets are compared
 * within one host, MACs across hosts (or within one `host.network`); the
 * NetBSD dom0's vnd devices are counted per host; `--host-from-system` reads
 * the dom0's own xl.conf.
 */
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Scratch } from "./run-xlint";

const scratch = new Scratch();
afterAll(() => scratch.dispose());

const guest = (name: string, mac: string, disk = `/dev/vg0/${name}`): string =>
  `name = "${name}"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 512\nvcpus = 1\nvif = [ "mac=${mac},bridge=xenbr0" ]\ndisk = [ "${disk},raw,xvda,w" ]\n`;

interface Diagnostic {
  rule: string;
  severity: string;
  message: string;
  help?: string;
  related: { path: string; message: string }[];
}
interface Report {
  files: { path: string; diagnostics: Diagnostic[] }[];
}

function lint(args: string[], cwd: string, env: Record<string, string> = {}): { code: number | null; report: Report; stderr: string } {
  const r = scratch.run(["--format", "json", ...args], { cwd, env });
  expect(r.stderr).not.toMatch(/internal error/);
  return { code: r.code, report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
}

const findings = (report: Report, rule: string): [string, Diagnostic][] =>
  report.files.flatMap((f) => f.diagnostics.filter((d) => d.rule === rule).map((d): [string, Diagnostic] => [f.path, d]));

describe("host folders declared with `hosts`", () => {
  const repo = path.join(scratch.root, "declared");
  scratch.write("declared/xlint.json", '{ "root": true, "hosts": ["dom0s/*"] }\n');
  // Two dom0s with a guest of the same name; the copy on beta kept alpha's MAC.
  scratch.write("declared/dom0s/alpha/web.cfg", guest("web", "00:16:3e:00:00:01"));
  scratch.write("declared/dom0s/beta/web.cfg", guest("web", "00:16:3e:00:00:01"));
  scratch.write("declared/dom0s/beta/guests/db.cfg", guest("db", "00:16:3e:00:00:02", "/dev/vg0/web"));

  it("the same name and the same local disk on two hosts are quiet; the same MAC is reported, naming both hosts", () => {
    const { report } = lint(["."], repo);
    expect(findings(report, "duplicate-name")).toEqual([]);
    const macs = findings(report, "duplicate-mac");
    expect(macs.map(([p]) => p)).toEqual(["dom0s/alpha/web.cfg", "dom0s/beta/web.cfg"]);
    const [, first] = macs[0] as [string, Diagnostic];
    expect(first.message).toContain("` on host dom0s/alpha is also used by another vif");
    expect(first.help).toContain("dom0s/beta/web.cfg:6 (host dom0s/beta)");
    expect(first.related).toEqual([expect.objectContaining({ path: "dom0s/beta/web.cfg", line: 6, message: "the same MAC 00:16:3e:00:00:01 on host dom0s/beta" })]);
  });

  it("compares the disks of one host folder, down its subfolders", () => {
    const { report } = lint(["."], repo);
    const disks = findings(report, "duplicate-disk-target");
    expect(disks.map(([p]) => p)).toEqual(["dom0s/beta/guests/db.cfg", "dom0s/beta/web.cfg"]);
    expect(disks[0]?.[1].help).toContain("of dom0s/beta/web.cfg on host dom0s/beta");
  });

  it("a file given alone still meets its host's other configs, and only those", () => {
    const { report } = lint(["dom0s/beta/web.cfg"], repo);
    expect(findings(report, "duplicate-name")).toEqual([]);
    expect(findings(report, "duplicate-disk-target").map(([p]) => p)).toEqual(["dom0s/beta/web.cfg"]);
    expect(findings(report, "duplicate-mac").map(([, d]) => d.related.map((r) => r.path))).toEqual([["dom0s/alpha/web.cfg"]]);
  });
});

describe("which host wins", () => {
  it("a nearer xlint.json's host.name over a farther `hosts` folder, and a nearer `hosts` folder over a farther host.name", () => {
    const repo = path.join(scratch.root, "nested");
    scratch.write("nested/xlint.json", '{ "root": true, "host": { "name": "everything" }, "hosts": ["site/*"] }\n');
    scratch.write("nested/site/a/xlint.json", '{ "host": { "name": "renamed" } }\n');
    scratch.write("nested/site/a/one.cfg", guest("same", "00:16:3e:00:01:01"));
    scratch.write("nested/site/b/two.cfg", guest("same", "00:16:3e:00:01:02"));
    scratch.write("nested/loose.cfg", guest("same", "00:16:3e:00:01:03"));
    scratch.write("nested/loose2.cfg", guest("same", "00:16:3e:00:01:04"));
    const names = findings(lint(["."], repo).report, "duplicate-name");
    // Only the two files outside the host folders share a host ("everything").
    expect(names.map(([p]) => p)).toEqual(["loose.cfg", "loose2.cfg"]);
    expect(names[0]?.[1].message).toContain("on host everything");
  });
});

describe("hosts named by their own xlint.json, and networks", () => {
  const repo = path.join(scratch.root, "named");
  scratch.write("named/xlint.json", '{ "root": true }\n');
  scratch.write("named/red/xlint.json", '{ "host": { "name": "red", "network": "dmz" } }\n');
  scratch.write("named/green/xlint.json", '{ "host": { "name": "green", "network": "lan" } }\n');
  scratch.write("named/red/web.cfg", guest("web", "00:16:3e:00:00:09"));
  scratch.write("named/red/web-copy.cfg", guest("web", "00:16:3e:00:00:0a", "/dev/vg0/web-copy"));
  scratch.write("named/green/web.cfg", guest("web", "00:16:3e:00:00:09"));

  it("the same name on one host is reported, and its other host's copy is not named", () => {
    const { code, report } = lint(["."], repo);
    const names = findings(report, "duplicate-name");
    expect(names.map(([p]) => p)).toEqual(["red/web-copy.cfg", "red/web.cfg"]);
    expect(names[0]?.[1].message).toContain("another guest on host red");
    expect(names[0]?.[1].help).toContain("red/web.cfg:1.");
    expect(`${names[0]?.[1].message} ${names[0]?.[1].help}`).not.toContain("green");
    expect(code).toBe(1);
  });

  it("MACs are compared within one network when hosts name theirs", () => {
    const { report } = lint(["."], repo);
    expect(findings(report, "duplicate-mac")).toEqual([]);
    scratch.write("named/green/xlint.json", '{ "host": { "name": "green", "network": "dmz" } }\n');
    const same = lint(["."], repo).report;
    expect(findings(same, "duplicate-mac").map(([p]) => p)).toEqual(["green/web.cfg", "red/web.cfg"]);
    scratch.write("named/green/xlint.json", '{ "host": { "name": "green", "network": "lan" } }\n');
  });

  it("refuses a host name or folder glob that is not one", () => {
    scratch.write("bad/xlint.json", '{ "root": true, "hosts": ["../elsewhere/*"], "host": { "name": "", "os": "solaris", "vndDevices": -1 } }\n');
    scratch.write("bad/a.cfg", guest("a", "00:16:3e:00:00:0b"));
    const r = scratch.run(["a.cfg"], { cwd: path.join(scratch.root, "bad") });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"hosts" must be a list of folder globs');
    expect(r.stderr).toContain('"name" must be a non-empty string');
    expect(r.stderr).toContain('"os" must be "linux", "netbsd" or "freebsd"');
    expect(r.stderr).toContain('"vndDevices" must be a whole number');
  });
});

describe("a NetBSD dom0", () => {
  const netbsdGuest = (name: string, disks: number): string =>
    `name = "${name}"\ntype = "pv"\nkernel = "/netbsd-XEN3_DOMU.gz"\nmemory = 256\nvif = [ "bridge=bridge0" ]\ndisk = [ ${Array.from({ length: disks }, (_, i) => `'file:/n0/xen/${name}-wd${i},0x${i},w'`).join(", ")} ]\n`;

  it("counts the file-backed disks of one host's guests against its vnd devices", () => {
    const repo = path.join(scratch.root, "netbsd");
    scratch.write("netbsd/xlint.json", '{ "root": true, "host": { "os": "netbsd", "name": "nb0" } }\n');
    scratch.write("netbsd/mail", netbsdGuest("mail", 3));
    scratch.write("netbsd/www", netbsdGuest("www", 2));
    const { report } = lint(["mail", "www"], repo);
    const vnd = findings(report, "disk-vnd-devices");
    expect(vnd.map(([p, d]) => [p, d.severity])).toEqual([["mail", "info"], ["www", "info"]]);
    expect(vnd[0]?.[1].message).toContain("5 file-backed disks in this dom0's guests on host nb0");
    scratch.write("netbsd/xlint.json", '{ "root": true, "host": { "os": "netbsd", "name": "nb0", "vndDevices": 8 } }\n');
    expect(findings(lint(["mail", "www"], repo).report, "disk-vnd-devices")).toEqual([]);
  });

  it("--host-from-system reads the dom0's xl.conf for the vif defaults", () => {
    const xen = scratch.write("fake-xen/xl.conf", 'vif.default.bridge = "br-from-xlconf"\n');
    const sysNet = path.join(scratch.root, "fake-sys-net");
    scratch.write("fake-sys-net/xenbr0/bridge/.keep", "");
    scratch.write("sys/host.cfg", 'name = "n"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 512\nvif = [ "mac=00:16:3e:00:00:21" ]\n');
    const env = { XLINT_SYS_CLASS_NET: sysNet, XLINT_XEN_CONFIG_DIR: path.dirname(xen), PATH: "/nonexistent" };
    const r = scratch.run(["--host-from-system", "--format", "json", "host.cfg"], { cwd: path.join(scratch.root, "sys"), env });
    const missing = findings(JSON.parse(r.stdout) as Report, "vif-missing-bridge");
    expect(missing).toHaveLength(1);
    expect(missing[0]?.[1].message).toContain("br-from-xlconf");
  });
});
