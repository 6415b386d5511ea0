// A PreparedContext must give the same findings as handing every context file
// to the run: it only leaves out files that cannot meet the run's own.
import { describe, expect, it } from "vitest";
import { allRules, DEFAULT_HOST, factsOfFile, LintRun, PreparedContext, RulePlan, type LintInput } from "../src/index";

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Configs drawing names, MACs, UUIDs and disk targets from small pools, so that many collide. */
function configs(count: number, seed: number): LintInput[] {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const names = ["web", "db", "Web", "cache", "mail"];
  const macs = ["00:16:3e:00:00:01", "00:16:3E:00:00:01", "00:16:3e:00:00:02", "00:16:3e:00:00:03"];
  const uuids = ["6f1c2a4e-9b3d-4c8e-a1f2-3d4e5f6a7b8c", "6F1C2A4E-9B3D-4C8E-A1F2-3D4E5F6A7B8C", "11111111-2222-4333-8444-555555555555"];
  const targets = ["/dev/vg0/a", "/dev/vg0/b", "/srv/img/c.img", "/dev/vg0/d"];
  const hosts = [undefined, "alpha", "beta"];
  return Array.from({ length: count }, (_, i) => {
    const lines = [`name = "${pick(names)}${Math.floor(rnd() * 3)}"`, 'type = "pvh"', 'kernel = "/boot/vmlinuz"', "memory = 512"];
    if (rnd() < 0.7) lines.push(`uuid = "${pick(uuids)}"`);
    lines.push(`vif = [ ${Array.from({ length: 1 + Math.floor(rnd() * 2) }, () => `"mac=${pick(macs)},bridge=xenbr0"`).join(", ")} ]`);
    lines.push(`disk = [ ${Array.from({ length: 1 + Math.floor(rnd() * 2) }, (_, k) => `"${pick(targets)},raw,xvd${"ab"[k]},${rnd() < 0.5 ? "r" : "w"}"`).join(", ")} ]`);
    const host = pick(hosts);
    return { path: `guests/g${i}.cfg`, text: `${lines.join("\n")}\n`, ...(host !== undefined ? { host: { ...DEFAULT_HOST, name: host } } : {}) };
  });
}

describe("PreparedContext", () => {
  it("gives the findings of a run that reads every context file", () => {
    const files = configs(60, 7);
    const plan = new RulePlan(allRules, undefined);
    const context = files.slice(3).map((f) => factsOfFile(f, plan));
    const prepared = new PreparedContext(allRules);
    context.forEach((c) => prepared.set(c));

    const plain = new LintRun({ rules: allRules });
    const fast = new LintRun({ rules: allRules });
    for (const open of files.slice(0, 3)) {
      plain.add(open);
      fast.add(open);
    }
    context.forEach((c) => plain.addContext(c));
    fast.usePreparedContext(prepared);
    const expected = plain.finish();
    expect(expected.flatMap((r) => r.diagnostics).filter((d) => d.rule.startsWith("duplicate-")).length).toBeGreaterThan(3);
    expect(fast.finish()).toEqual(expected);
  });

  it("lets a linted file replace the context file of its path, and follows replaced and deleted files", () => {
    const mac = (m: string, name: string): LintInput => ({ path: `${name}.cfg`, text: `name = "${name}"\nvif = [ "mac=${m}" ]\n` });
    const plan = new RulePlan(allRules, undefined);
    const prepared = new PreparedContext(allRules);
    prepared.set(factsOfFile(mac("00:16:3e:00:00:01", "a"), plan));
    prepared.set(factsOfFile(mac("00:16:3e:00:00:01", "b"), plan));
    const lint = (open: LintInput) => {
      const run = new LintRun({ rules: allRules });
      run.add(open);
      run.usePreparedContext(prepared);
      // The other places each finding names.
      return (run.finish()[0]?.diagnostics ?? []).filter((d) => d.rule === "duplicate-mac").map((d) => d.related.map((r) => r.path));
    };
    // a.cfg open with a new MAC: its old facts on disk are not a collision with itself, b's MAC no longer meets it.
    expect(lint(mac("00:16:3e:00:00:09", "a"))).toEqual([]);
    expect(lint(mac("00:16:3e:00:00:01", "a"))).toEqual([["b.cfg"]]);
    prepared.set(factsOfFile(mac("00:16:3e:00:00:02", "b"), plan));
    expect(lint(mac("00:16:3e:00:00:01", "a"))).toEqual([]);
    expect(lint(mac("00:16:3e:00:00:02", "a"))).toEqual([["b.cfg"]]);
    expect(prepared.delete("b.cfg")).toBe(true);
    expect(lint(mac("00:16:3e:00:00:02", "a"))).toEqual([]);
    expect(prepared.size).toBe(1);
  });
});
