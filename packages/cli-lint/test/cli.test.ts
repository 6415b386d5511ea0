/**
 * The built `xlint` command, run as users run it: configuration files found
 * upward, ignore patterns, `--rule` overrides, host facts, rules and explain.
 */
import { afterAll, describe, expect, it } from "vitest";
import { Scratch } from "./run-xlint";

const scratch = new Scratch();
afterAll(() => scratch.dispose());
const write = (rel: string, text: string): string => scratch.write(rel, text);
const xlint = (...args: string[]) => scratch.run(args);

/** A config that is clean for every rule but `unknown-key` (the misspelled `memroy`). */
const guest = (name: string) => `name = "${name}"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 512\nvcpus = 1\nmemroy = 1\n`;

describe("xlint with configuration files", () => {
  write("repo/xlint.json", '{\n  "root": true,\n  // legacy configs are not ours\n  "rules": {"unknown-key": "error"},\n  "ignore": ["legacy"],\n}\n');
  write("repo/web/a.cfg", guest("a"));
  write("repo/legacy/b.cfg", guest("b"));
  write("repo/team/xlint.json", '{"rules": {"unknown-key": "info"}}');
  write("repo/team/c.cfg", guest("c"));

  it("applies the nearest config over the farther one, and skips ignored folders", () => {
    const r = xlint("repo");
    expect(r.stdout).toContain("repo/web/a.cfg:6:1: error:");
    expect(r.stdout).toContain("repo/team/c.cfg:6:1: info:");
    expect(r.stdout).not.toContain("legacy");
    expect(r.stderr).toContain("2 files checked: 1 error, 0 warnings, 1 info");
    expect(r.code).toBe(1);
  });

  it("always lints a file named explicitly, and --rule wins over the config", () => {
    const r = xlint("repo/legacy/b.cfg", "--rule", "unknown-key=warning");
    expect(r.stdout).toContain("repo/legacy/b.cfg:6:1: warning:");
    expect(r.code).toBe(0);
  });

  it("reports a broken config with file, line and column and exits 2", () => {
    write("bad/xlint.json", '{"rules": {"no-such-rule": "off", "unknown-key": "loud"}}');
    write("bad/x.cfg", 'name = "x"\n');
    const r = xlint("bad");
    expect(r.stderr).toMatch(/bad\/xlint\.json:1:12: unknown rule "no-such-rule"/);
    expect(r.stderr).toMatch(/bad\/xlint\.json:1:50: the severity of "unknown-key"/);
    expect(r.code).toBe(2);
  });

  it("rejects unknown rules and severities in --rule", () => {
    expect(xlint("repo", "--rule", "nope=off").code).toBe(2);
    expect(xlint("repo", "--rule", "unknown-key=loud").stderr).toContain("the severity must be");
  });
});

describe("xlint rules and explain", () => {
  it("lists every rule, as text and as JSON", () => {
    const text = xlint("rules");
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^syntax +error +/m);
    const rows = JSON.parse(xlint("rules", "--json").stdout) as { id: string; severity: string }[];
    expect(rows.map((r) => r.id)).toContain("unknown-key");
    expect(rows.length).toBe(text.stdout.trim().split("\n").length);
  });
  it("explains a rule, and refuses an unknown one with exit 2", () => {
    const r = xlint("explain", "duplicate-key");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# duplicate-key\n/);
    expect(r.stdout).toContain("## Examples");
    const bad = xlint("explain", "nope");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("unknown rule `nope`");
  });
});

describe("host facts from the command line", () => {
  const vifGuest = 'name = "n"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 512\nvcpus = 1\nvif = [ "mac=00:16:3e:00:00:09" ]\n';
  it("--host-bridges checks the default bridge, and --xl-conf supplies it", () => {
    write("net/n.cfg", vifGuest);
    write("net/xl.conf", 'vif.default.bridge = "br-lan"\n');
    const missing = xlint("net/n.cfg", "--host-bridges", "br-lan");
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain("joins the default `xenbr0`, which the host does not have");
    const fine = xlint("net/n.cfg", "--host-bridges", "br-lan", "--xl-conf", "net/xl.conf");
    expect(fine.stdout).toBe("");
    expect(fine.code).toBe(0);
  });
  it("refuses an xl.conf xl could not read, with its position", () => {
    write("net/bad.conf", "vif.default.bridge = br-lan\n");
    const r = xlint("net/n.cfg", "--xl-conf", "net/bad.conf");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/net\/bad\.conf:1:22: /);
  });
});
