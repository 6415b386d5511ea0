import { describe, expect, it } from "vitest";
import { applyFix, covered } from "../lint-helpers";
import { pool } from "./helpers";

describe("cpupool-unknown-key", () => {
  it("suggests the nearest pool key and renames it", () => {
    const text = 'name = "p"\nshed = "credit2"\n';
    const [d] = pool(text, "cpupool-unknown-key");
    expect(d?.help).toContain("Did you mean `sched`?");
    expect(applyFix(text, d?.fix)).toBe('name = "p"\nsched = "credit2"\n');
  });

  it("names keys of the other files, and lists the four keys for far-off words", () => {
    const text = 'name = "p"\npool = "Pool-0"\nautoballoon = "off"\nzzzzzz = 1\n';
    const found = pool(text, "cpupool-unknown-key");
    expect(found.map((d) => covered(text, d))).toEqual(["pool", "autoballoon", "zzzzzz"]);
    expect(found[0]?.help).toContain("domain config");
    expect(found[1]?.help).toContain("/etc/xen/xl.conf");
    expect(found[2]?.help).toContain("`name`, `sched`, `cpus` and `nodes`");
  });
});

describe("cpupool-missing-name", () => {
  it("says the pool is named after the file, and offers to add a name above the first statement", () => {
    const text = "# the database pool\ncpus = \"4-7\"\n";
    const [d] = pool(text, "cpupool-missing-name", {}, "/etc/xen/pool-db.cfg");
    expect(d?.message).toContain("`pool-db.cfg`");
    expect(d?.fix?.safety).toBe("unsafe");
    const fixed = applyFix(text, d?.fix);
    expect(fixed).toBe('# the database pool\nname = "pool-db"\ncpus = "4-7"\n');
    expect(pool(fixed, "cpupool-missing-name")).toEqual([]);
  });

  it("reports a list or an empty name, and accepts a string", () => {
    expect(pool('name = [ "p" ]\n', "cpupool-missing-name")[0]?.message).toContain("not a list");
    expect(pool('name = ""\n', "cpupool-missing-name")[0]?.message).toContain("empty");
    expect(pool('name = "p"\n', "cpupool-missing-name")).toEqual([]);
  });
});

describe("cpupool-invalid-sched", () => {
  it("accepts libxl's scheduler names and notes another case", () => {
    expect(pool('sched = "credit"\n', "cpupool-invalid-sched")).toEqual([]);
    const text = 'sched = "Credit2"\n';
    const [d] = pool(text, "cpupool-invalid-sched");
    expect(d?.severity).toBe("info");
    expect(applyFix(text, d?.fix)).toBe('sched = "credit2"\n');
  });

  it("refuses unknown and removed schedulers", () => {
    const unknown = pool('sched = "credit3"\n', "cpupool-invalid-sched");
    expect(unknown.map((d) => d.severity)).toEqual(["error"]);
    expect(unknown[0]?.help).toContain("Unknown scheduler");
    expect(unknown[0]?.help).toMatch(/Did you mean `credit2`( or `credit`)?\?/);
    for (const removed of ["sedf", "SEDF", "unknown"]) {
      const [d] = pool(`sched = "${removed}"\n`, "cpupool-invalid-sched");
      expect(d?.severity, removed).toBe("error");
      expect(d?.message).toContain("since 4.6");
    }
  });

  it("warns about a list, which xl ignores", () => {
    expect(pool('sched = [ "credit" ]\n', "cpupool-invalid-sched").map((d) => d.severity)).toEqual(["warning"]);
  });
});

describe("cpupool-invalid-cpus", () => {
  it("reads a CPU-list string like a guest's and points at the bad element", () => {
    const text = 'cpus = "4-7,0x8"\n';
    const [d] = pool(text, "cpupool-invalid-cpus");
    expect(d?.severity).toBe("error");
    expect(covered(text, d!)).toBe("0x8");
    expect(pool('cpus = "4-7,^5,nodes:1"\n', "cpupool-invalid-cpus")).toEqual([]);
    expect(pool('cpus = "^5"\n', "cpupool-invalid-cpus")[0]?.message).toContain("without any CPU");
  });

  it("reads list items with atoi: ranges and words are misread, negatives stop xl", () => {
    const text = 'cpus = [ "4-7", "x", "-1", "5" ]\n';
    const found = pool(text, "cpupool-invalid-cpus");
    expect(found.map((d) => [covered(text, d), d.severity])).toEqual([
      ['"4-7"', "warning"],
      ['"x"', "warning"],
      ['"-1"', "error"],
    ]);
    expect(found[1]?.message).toContain("CPU 0");
  });

  it("checks CPU and node numbers against the host when it is known", () => {
    expect(pool('cpus = [ "8" ]\n', "cpupool-invalid-cpus")).toEqual([]);
    expect(pool('cpus = [ "8" ]\n', "cpupool-invalid-cpus", { cpus: 8 })[0]?.severity).toBe("error");
    expect(pool('nodes = [ "1" ]\n', "cpupool-invalid-cpus", { numaNodes: 1 })[0]?.message).toContain("no NUMA node 1");
  });

  it("wants `nodes` as a list, stops on an empty one and ignores `cpus` beside it", () => {
    expect(pool('nodes = "1"\n', "cpupool-invalid-cpus")[0]?.severity).toBe("warning");
    expect(pool("nodes = []\n", "cpupool-invalid-cpus")[0]?.severity).toBe("error");
    const both = 'nodes = [ "1" ]\ncpus = "x"\n';
    const found = pool(both, "cpupool-invalid-cpus");
    expect(found.map((d) => covered(both, d))).toEqual(['"x"']);
    expect(found[0]?.message).toContain("ignores `cpus`");
  });

  it("notes where xl stops reading a list with a nested item", () => {
    const text = 'cpus = [ "4", [ "5" ], "-1" ]\n';
    const found = pool(text, "cpupool-invalid-cpus");
    expect(found.map((d) => d.severity)).toEqual(["warning"]);
    expect(found[0]?.help).toContain("stops reading");
  });
});
