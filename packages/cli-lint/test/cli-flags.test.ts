/**
 * Every flag `xlint --help` documents, run at least once through the
 * installed launcher (bin/xlint.cjs, which runs the bundle with its code
 * cache), each checked for its effect. The list of flags is read from the
 * help text itself, so a new flag without a case here fails the suite.
 * --host-from-system runs against a fake sysfs and a fake `xl` on PATH.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { bin, Scratch, type XlintRun } from "./run-xlint";

const scratch = new Scratch();
afterAll(() => scratch.dispose());

const CLEAN = 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 512\nvcpus = 1\nvif = [ "mac=00:16:3e:00:00:01,bridge=xenbr0" ]\n';
scratch.write("clean.cfg", CLEAN);
scratch.write("typo.cfg", CLEAN.replace("web01", "web02").replace(":01,", ":02,") + "memroy = 512\n");
scratch.write("bad.cfg", CLEAN.replace("web01", "web03").replace(":01,", ":03,") + 'on_crash = "restrat"\n');
scratch.write("ugly.cfg", CLEAN.replace("web01", "web04").replace(":01,", ":04,").replace("memory = 512", "memory=512   "));
scratch.write("quoted.cfg", CLEAN.replace("web01", "web05").replace(":01,", ":05,").replace("memory = 512", 'memory = "512"'));

// A fake dom0: sysfs with one bridge, and an `xl` that answers `info` and `cpupool-list`.
const sysNet = path.join(scratch.root, "sys/class/net");
for (const dir of ["xenbr0/bridge", "eth0"]) mkdirSync(path.join(sysNet, dir), { recursive: true });
const fakeXl = scratch.write(
  "fakebin/xl",
  '#!/bin/sh\ncase "$1" in\n  info) printf "nr_cpus                : 4\\nnr_nodes               : 1\\n" ;;\n  cpupool-list) printf "Name CPUs Sched Active Domain count\\nPool-0 4 credit2 y 1\\n" ;;\n  *) exit 1 ;;\nesac\n',
);
chmodSync(fakeXl, 0o755);

const run = (args: string[], options: Parameters<Scratch["run"]>[1] = {}): XlintRun => {
  const r = scratch.run(args, options);
  expect(r.stderr, `xlint ${args.join(" ")}`).not.toMatch(/internal error|dynamic import/);
  return r;
};
const rulesIn = (json: string): string[] => (JSON.parse(json) as { files: { diagnostics: { rule: string }[] }[] }).files.flatMap((f) => f.diagnostics.map((d) => d.rule));

/** One check per flag of the help text. */
const CASES: Record<string, () => void> = {
  "--format": () => expect(run(["--format", "sarif", "typo.cfg"]).stdout).toContain('"version": "2.1.0"'),
  "--output": () => {
    expect(run(["-f", "json", "-o", "out.json", "typo.cfg"]).stdout).toBe("");
    expect(rulesIn(scratch.read("out.json"))).toContain("unknown-key");
  },
  "--quiet": () => expect(run(["-q", "-f", "json", "typo.cfg", "bad.cfg"]).stdout).not.toContain('"unknown-key"'),
  "--max-warnings": () => expect(run(["--max-warnings", "0", "typo.cfg"]).code).toBe(1),
  "--color": () => expect(run(["--color", "-f", "stylish", "typo.cfg"]).stdout).toContain("\u001b["),
  "--no-color": () => expect(run(["--no-color", "-f", "stylish", "typo.cfg"], { env: { FORCE_COLOR: "1" } }).stdout).not.toContain("\u001b["),
  "--fix": () => {
    // quoted-number's fix is safe (xl reads the same number); unknown-key's rename is not.
    scratch.write("fixme.cfg", scratch.read("quoted.cfg").replace("web05", "web06").replace(":05,", ":06,"));
    run(["--fix", "fixme.cfg"]);
    expect(scratch.read("fixme.cfg")).toContain("\nmemory = 512\n");
  },
  "--unsafe-fixes": () => expect(run(["--diff", "--unsafe-fixes", "bad.cfg"]).stdout).toContain('+on_crash = "restart"'),
  "--diff": () => {
    const r = run(["--diff", "quoted.cfg"]);
    expect(r.stdout).toContain('-memory = "512"\n+memory = 512');
    expect(r.code).toBe(1);
  },
  "--check": () => expect(run(["fmt", "--check", "ugly.cfg"]).code).toBe(1),
  "--config": () => {
    scratch.write("conf/strict.json", '{ "rules": { "unknown-key": "error" } }\n');
    expect(run(["--config", "conf/strict.json", "typo.cfg"]).code).toBe(1);
  },
  "--rule": () => expect(run(["--rule", "unknown-key=off", "-f", "json", "typo.cfg"]).stdout).not.toContain("unknown-key"),
  "--write-baseline": () => {
    expect(run(["--write-baseline", "base.json", "typo.cfg"]).code).toBe(0);
    expect(JSON.parse(scratch.read("base.json"))).toBeTruthy();
  },
  "--baseline": () => {
    run(["--write-baseline", "base2.json", "bad.cfg"]);
    expect(run(["--baseline", "base2.json", "bad.cfg"]).code).toBe(0);
  },
  "--stdin-filename": () => expect(run(["-f", "gcc", "--stdin-filename", "etc/xen/piped.cfg", "-"], { stdin: 'memroy = 1\nname = "p"\n' }).stdout).toContain("etc/xen/piped.cfg:1:1:"),
  "--no-repo-context": () => {
    scratch.write("repo/.git/HEAD", "ref: refs/heads/main\n");
    scratch.write("repo/a.cfg", CLEAN);
    scratch.write("repo/b.cfg", CLEAN.replace("web01", "web09"));
    const cwd = path.join(scratch.root, "repo");
    expect(rulesIn(run(["-f", "json", "b.cfg"], { cwd }).stdout)).toContain("duplicate-mac");
    expect(rulesIn(run(["-f", "json", "--no-repo-context", "b.cfg"], { cwd }).stdout)).not.toContain("duplicate-mac");
  },
  "--host-bridges": () => expect(rulesIn(run(["--host-bridges", "br9", "-f", "json", "clean.cfg"]).stdout)).toContain("vif-missing-bridge"),
  "--host-from-system": () => {
    scratch.write("host.cfg", CLEAN.replace("bridge=xenbr0", "bridge=br-missing") + 'cpus = "6"\npool = "web"\n');
    const r = run(["--host-from-system", "-f", "json", "host.cfg"], { env: { PATH: `${path.dirname(fakeXl)}:${process.env["PATH"] ?? ""}`, XLINT_SYS_CLASS_NET: sysNet } });
    expect(r.stderr).toBe("");
    expect(rulesIn(r.stdout)).toEqual(expect.arrayContaining(["vif-missing-bridge", "cpus-outside-host", "unknown-cpupool"]));
  },
  "--xl-conf": () => {
    scratch.write("xl.conf", 'vif.default.bridge = "br-lan"\n');
    expect(run(["--xl-conf", "xl.conf", "--host-bridges", "xenbr0", "-f", "json", "-"], { stdin: 'name = "n"\nvif = [ "mac=00:16:3e:00:00:21" ]\n' }).stdout).toContain("br-lan");
  },
  "--jobs": () => {
    const one = run(["-j", "1", "-f", "sarif", "."]);
    const two = run(["--jobs", "2", "-f", "sarif", "."]);
    expect(two.stdout).toBe(one.stdout);
    expect(two.code).toBe(one.code);
  },
  "--verbose": () => expect(run(["-v", "clean.cfg"]).stderr).toContain("xlint: linted   clean.cfg (domain config)"),
  "--debug": () => {
    // Standard output opened read-only: writing the report fails, an error xlint cannot recover from.
    const readOnly = openSync(path.join(scratch.root, "clean.cfg"), "r");
    const broken = (extra: string[]) => spawnSync(process.execPath, [bin, ...extra, "typo.cfg"], { cwd: scratch.root, stdio: ["pipe", readOnly, "pipe"], encoding: "utf8" });
    const plain = broken([]);
    expect(plain.stderr).toContain("xlint: internal error: EBADF: bad file descriptor, write (run with --debug for details)\n");
    expect(plain.stderr).not.toMatch(/^\s+at /m);
    const debug = broken(["--debug"]);
    expect(debug.stderr).toMatch(/^\s+at /m);
    expect(debug.status).toBe(2);
    closeSync(readOnly);
  },
  "--help": () => expect(run(["-h"]).stdout).toMatch(/^usage: xlint/),
  "--version": () => expect(run(["--version"]).stdout).toMatch(/^\d+\.\d+\.\d+/),
  "--explain": () => {
    const r = run(["dump", "--explain", "clean.cfg"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^clean\.cfg\nguest type: .*\n(  .*\n)*guest OS: {3}\S+ \(.*\n(  .*\n)*arch: {7}/);
  },
  "--json": () => expect(JSON.parse(run(["rules", "--json"]).stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ id: "duplicate-mac" })])),
};

describe("every flag of xlint --help, through bin/xlint.cjs", () => {
  const help = run(["--help"]).stdout;
  const flags = [...new Set(help.match(/--[a-z][a-z-]*/g) ?? [])].sort();

  it("has a case for each documented flag, and no case for an undocumented one", () => {
    expect(flags.length).toBeGreaterThan(20);
    expect(Object.keys(CASES).sort()).toEqual(flags);
  });

  for (const flag of Object.keys(CASES).sort()) it(flag, () => (CASES[flag] as () => void)());
});

describe("rule links", () => {
  it("point at pages that exist, here and offline", () => {
    const r = run(["-f", "stylish", "typo.cfg"]);
    const url = /docs: (\S+)/.exec(r.stdout)?.[1] ?? "";
    expect(url).toMatch(/^file:\/\/.*\/docs\/rules\/unknown-key\.md$/);
    const file = fileURLToPath(url);
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, "utf8")).toBe(run(["explain", "unknown-key"]).stdout);
  });
});
