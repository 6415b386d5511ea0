/**
 * The rules that read the host profile's CPUs, NUMA nodes and CPU pools:
 * silent without those facts, exact with them, and never guessing a NUMA
 * layout the profile does not give.
 */
import { describe, expect, it } from "vitest";
import { readConfigText, ruleById } from "../../../src/index";
import { applyFix, covered, findings } from "./helpers";

const PVH = 'name = "db01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 1024\nvcpus = 2\n';
const SMALL = { cpus: 8, numaNodes: 1 } as const;
const TWO_NODES = { cpus: 16, numaNodes: 2 } as const;

describe("cpus-outside-host", () => {
  const cpus = (line: string, host: object = SMALL) => findings(`${PVH}${line}\n`, "cpus-outside-host", host);

  it("is silent without the host's CPU count", () => {
    expect(cpus('cpus = "8-15"', {})).toEqual([]);
    expect(cpus('cpus = "nodes:3"', {})).toEqual([]);
  });

  it("reports a hard affinity the host leaves empty, as xl does", () => {
    for (const line of ['cpus = "8-15"', 'cpus = "nodes:1"', 'cpus = "9"', 'cpus = "nodes:0,^0-7"', 'cpus = ["0", "8"]']) {
      const found = cpus(line);
      expect(found.map((d) => d.severity), line).toEqual(["error"]);
      expect(found[0]?.help).toMatch(/vcpu hard affinity map is empty/);
    }
  });

  it("points at the item of a per-vCPU list that is empty", () => {
    const text = `${PVH}cpus = ["0", "12"]\n`;
    const [finding] = findings(text, "cpus-outside-host", SMALL);
    expect(finding?.message).toMatch(/^Item 2 of `cpus`/);
    expect(covered(text, finding!)).toBe("12");
  });

  it("warns when the soft affinity is empty, since xl only ignores it", () => {
    const found = cpus('cpus_soft = "8-15"');
    expect(found.map((d) => d.severity)).toEqual(["warning"]);
    expect(found[0]?.help).toMatch(/soft affinity has no effect/);
  });

  it("warns about the CPUs and nodes of a list that the host lacks", () => {
    const text = `${PVH}cpus = "4-11,nodes:0-2"\n`;
    const found = findings(text, "cpus-outside-host", SMALL);
    expect(found.map((d) => [d.severity, covered(text, d)])).toEqual([
      ["warning", "4-11"],
      ["warning", "nodes:0-2"],
    ]);
    expect(found[0]?.message).toMatch(/CPUs 8-11 do not exist on this host \(8 CPUs, 0-7, 1 NUMA node/);
    expect(found[1]?.message).toMatch(/NUMA nodes 1-2 do not exist/);
  });

  it("accepts what the host has, and leaves removals alone", () => {
    expect(cpus('cpus = "0-7,^9"')).toEqual([]);
    expect(cpus('cpus = "all"')).toEqual([]);
    expect(cpus('cpus = "nodes:0"')).toEqual([]);
  });

  it("does not guess which CPUs belong to which node on a multi-node host", () => {
    // Empty only if node 1 holds exactly CPUs 8-15, which the profile does not say.
    expect(cpus('cpus = "nodes:1,^8-15"', TWO_NODES)).toEqual([]);
    // A node the host lacks holds no CPU whatever the layout.
    expect(cpus('cpus = "nodes:2-3"', TWO_NODES).map((d) => d.severity)).toEqual(["error"]);
  });

  it("leaves lists xl never applies (no vCPU count) and lists invalid-cpulist reports", () => {
    expect(findings('name = "db01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\ncpus = "8-15"\n', "cpus-outside-host", SMALL)).toEqual([]);
    expect(cpus('cpus = "^all"')).toEqual([]);
    expect(cpus('cpus = "9-8"')).toEqual([]);
  });
});

describe("vnuma against the host", () => {
  const VNUMA = 'name = "db01"\ntype = "hvm"\nmemory = 1024\nvnuma = [ [ "pnode=1", "size=512", "vcpus=0-5" ], [ "pnode=0", "size=512", "vcpus=6-11" ] ]\n';

  it("reports a pnode and a vCPU total beyond the host only when the host is known", () => {
    expect(findings(VNUMA, "invalid-vnuma", {})).toEqual([]);
    const messages = findings(VNUMA, "invalid-vnuma", SMALL).map((d) => d.message);
    expect(messages).toEqual([expect.stringMatching(/hold 12 vCPUs but the host has 8 pCPUs/), expect.stringMatching(/^There is no host NUMA node 1 \(the host has 1 NUMA node, node 0\)/)]);
  });

  it("lets maxvcpus override the pCPU check, as xl does", () => {
    const text = VNUMA.replace("pnode=1", "pnode=0").replace("memory = 1024\n", "memory = 1024\nmaxvcpus = 12\n");
    expect(findings(text, "invalid-vnuma", SMALL)).toEqual([]);
  });
});

describe("unknown-cpupool", () => {
  const pool = (line: string, host: object = {}) => findings(`${PVH}${line}\n`, "unknown-cpupool", host);

  it("reports an empty name with or without the host's pools", () => {
    expect(pool('pool = ""').map((d) => d.severity)).toEqual(["error"]);
    expect(pool('pool = ""', { cpupools: ["Pool-0"] })).toHaveLength(1);
  });

  it("checks names against the host's pools, exactly", () => {
    expect(pool('pool = "web"')).toEqual([]);
    expect(pool('pool = "web"', { cpupools: ["Pool-0", "web"] })).toEqual([]);
    expect(pool('pool = "db"', { cpupools: ["Pool-0", "web"] })[0]?.help).toMatch(/lists `Pool-0`, `web`, and libxl refuses/);
    expect(pool("pool = 8", { cpupools: ["Pool-0"] })).toHaveLength(1);
  });

  it("offers the pool a name differs from only in case or blanks, as an unsafe fix", () => {
    const text = `${PVH}pool = " pool-0"\n`;
    const [finding] = findings(text, "unknown-cpupool", { cpupools: ["Pool-0"] });
    expect(finding?.fix?.safety).toBe("unsafe");
    const after = applyFix(text, finding?.fix);
    expect(after).toContain('pool = "Pool-0"');
    expect(findings(after, "unknown-cpupool", { cpupools: ["Pool-0"] })).toEqual([]);
  });

  it("is an error by default and fixable only unsafely", () => {
    expect(ruleById("unknown-cpupool")).toMatchObject({ severity: "error", fixable: "unsafe" });
  });
});

describe("host facts in xlint.json", () => {
  const known = new Set<string>();

  it("reads cpus, numaNodes and cpupools", () => {
    const { config, problems } = readConfigText('{"host": {"cpus": 16, "numaNodes": 2, "cpupools": ["Pool-0", "web"]}}', known);
    expect(problems).toEqual([]);
    expect(config.host).toEqual({ cpus: 16, numaNodes: 2, cpupools: ["Pool-0", "web"] });
  });

  it("refuses counts that are not whole numbers of at least 1, and empty pool names", () => {
    const { config, problems } = readConfigText('{"host": {"cpus": 0, "numaNodes": 1.5, "cpupools": [""]}}', known);
    expect(config.host).toEqual({});
    expect(problems.map((p) => [p.line, p.column, p.message])).toEqual([
      [1, 19, '"cpus" must be a whole number from 1 to 65536, as `xl info` reports it'],
      [1, 35, '"numaNodes" must be a whole number from 1 to 65536, as `xl info` reports it'],
      [1, 52, '"cpupools" must be a list of pool names, like ["Pool-0"]'],
    ]);
  });
});
