/**
 * Cross-file rules see the whole repository even when xlint is given a few
 * of its files (as pre-commit and editors do): the repository's other
 * configs are read for their facts, findings land only in the files given
 * and point at the others. The repository ends at the nearest xlint.json
 * with "root": true, else at the git work tree; --no-repo-context turns it
 * off. Large groups are named in bounded text.
 */
import { afterAll, describe, expect, it } from "vitest";
import { Scratch } from "./run-xlint";

const scratch = new Scratch();
afterAll(() => scratch.dispose());

const guest = (name: string, mac: string, disk = `/dev/vg0/${name}`): string =>
  `name = "${name}"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 512\nvcpus = 1\nvif = [ "mac=${mac},bridge=xenbr0" ]\ndisk = [ "${disk},raw,xvda,w" ]\n`;

interface Report {
  files: { path: string; diagnostics: { rule: string; message: string; help?: string; related: { path: string }[] }[] }[];
}

function lint(args: string[], cwd?: string): { code: number | null; report: Report; stderr: string } {
  const r = scratch.run(["--format", "json", ...args], cwd ? { cwd } : {});
  expect(r.stderr).not.toMatch(/internal error/);
  return { code: r.code, report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
}

const findings = (report: Report, rule: string): [string, string[]][] =>
  report.files.flatMap((f) => f.diagnostics.filter((d) => d.rule === rule).map((d): [string, string[]] => [f.path, d.related.map((x) => x.path)]));

describe("a git repository", () => {
  scratch.write("repo/.git/HEAD", "ref: refs/heads/main\n");
  scratch.write("repo/etc/xen/web01.cfg", guest("web01", "00:16:3e:00:00:01"));
  scratch.write("repo/etc/xen/db01.cfg", guest("db01", "00:16:3e:00:00:02"));
  scratch.write("repo/other-host/mail.cfg", guest("mail", "00:16:3e:00:00:03"));
  scratch.write("repo/etc/xen/notes.txt", guest("notes", "00:16:3e:00:00:01"));
  // The new guest: copied from web01, with web01's MAC left in.
  scratch.write("repo/etc/xen/web02.cfg", guest("web02", "00:16:3e:00:00:01"));

  it("checks a given file against the repository's other configs, and reports only in it", () => {
    const { code, report } = lint(["etc/xen/web02.cfg"], `${scratch.root}/repo`);
    expect(report.files.map((f) => f.path)).toEqual(["etc/xen/web02.cfg"]);
    expect(findings(report, "duplicate-mac")).toEqual([["etc/xen/web02.cfg", ["etc/xen/web01.cfg"]]]);
    expect(code).toBe(1);
  });

  it("finds the repository from a file given from outside it", () => {
    const { report } = lint(["repo/etc/xen/web02.cfg"]);
    expect(findings(report, "duplicate-mac")).toEqual([["repo/etc/xen/web02.cfg", ["repo/etc/xen/web01.cfg"]]]);
  });

  it("lists the configs it read as context under --verbose, not the text it skipped", () => {
    const r = scratch.run(["--verbose", "etc/xen/web02.cfg"], { cwd: `${scratch.root}/repo` });
    expect(r.stderr).toContain("xlint: context  etc/xen/web01.cfg (read for the cross-file rules only)\n");
    expect(r.stderr).toContain("xlint: context  other-host/mail.cfg (read for the cross-file rules only)\n");
    expect(r.stderr).not.toContain("notes.txt");
  });

  it("compares the given files only with --no-repo-context", () => {
    const { code, report } = lint(["--no-repo-context", "etc/xen/web02.cfg"], `${scratch.root}/repo`);
    expect(findings(report, "duplicate-mac")).toEqual([]);
    expect(code).toBe(0);
  });

  it("does not read the repository again when the folder given holds it all", () => {
    const r = scratch.run(["--verbose", "--format", "json", "."], { cwd: `${scratch.root}/repo` });
    expect(r.stderr).not.toContain("context ");
    const report = JSON.parse(r.stdout) as Report;
    expect(findings(report, "duplicate-mac").map(([p]) => p)).toEqual(["etc/xen/web01.cfg", "etc/xen/web02.cfg"]);
  });

  it("gives standard input the context of the path it stands for", () => {
    const r = scratch.run(["--format", "json", "--stdin-filename", "etc/xen/new.cfg", "-"], { cwd: `${scratch.root}/repo`, stdin: guest("new", "00:16:3e:00:00:02") });
    expect(findings(JSON.parse(r.stdout) as Report, "duplicate-mac")).toEqual([["etc/xen/new.cfg", ["etc/xen/db01.cfg"]]]);
  });
});

describe('an xlint.json with "root": true', () => {
  scratch.write("fleet/.git/HEAD", "ref: refs/heads/main\n");
  scratch.write("fleet/host1/xlint.json", '{ "root": true }\n');
  scratch.write("fleet/host1/web.cfg", guest("web", "00:16:3e:00:01:01"));
  scratch.write("fleet/host1/app.cfg", guest("app", "00:16:3e:00:01:02"));
  scratch.write("fleet/host2/web.cfg", guest("web", "00:16:3e:00:01:02"));

  it("ends the repository: configs beyond it are not compared", () => {
    const { report } = lint(["host1/web.cfg"], `${scratch.root}/fleet`);
    expect(findings(report, "duplicate-name")).toEqual([]);
    const inside = lint(["host1/app.cfg"], `${scratch.root}/fleet`);
    expect(findings(inside.report, "duplicate-mac")).toEqual([]);
  });

  it("leaves files outside it in the git repository", () => {
    const { report } = lint(["host2/web.cfg"], `${scratch.root}/fleet`);
    expect(findings(report, "duplicate-name")).toEqual([["host2/web.cfg", ["host1/web.cfg"]]]);
    expect(findings(report, "duplicate-mac")).toEqual([["host2/web.cfg", ["host1/app.cfg"]]]);
  });
});

describe("outside any repository", () => {
  it("compares the given files with each other only", () => {
    scratch.write("loose/a.cfg", guest("a", "00:16:3e:00:02:01"));
    scratch.write("loose/b.cfg", guest("b", "00:16:3e:00:02:01"));
    const { report } = lint(["loose/a.cfg"]);
    expect(findings(report, "duplicate-mac")).toEqual([]);
  });
});

describe("a template copied to many guests", () => {
  const copies = 150;
  for (let i = 0; i < copies; i++) scratch.write(`sprawl/g${String(i).padStart(3, "0")}.cfg`, guest(`g${i}`, `00:16:3e:00:03:${(i % 2).toString(16).padStart(2, "0")}`, "/srv/xen/template.img"));

  it("names a bounded number of the other uses in each finding", () => {
    const { report } = lint(["sprawl"]);
    const disk = report.files.flatMap((f) => f.diagnostics.filter((d) => d.rule === "duplicate-disk-target"));
    expect(disk).toHaveLength(copies);
    for (const d of disk) {
      expect(d.related.length).toBeLessThanOrEqual(3);
      expect(d.message).toMatch(/ is also the target of 149 other disks, at least one of them writable$/);
      expect(d.help).toMatch(/^Other uses: .* and 146 more\. /);
    }
    const macs = report.files.flatMap((f) => f.diagnostics.filter((d) => d.rule === "duplicate-mac"));
    expect(macs).toHaveLength(copies);
    for (const d of macs) {
      expect(d.message).toMatch(/ is also used by 74 other vifs$/);
      expect(d.help).toMatch(/^Other uses: .* and 71 more\. /);
    }
  });
});
