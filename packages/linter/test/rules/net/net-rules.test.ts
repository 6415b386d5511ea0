import { describe, expect, it } from "vitest";
import { allRules, DEFAULT_HOST, lintFiles, type HostProfile } from "../../../src";

const guest = (name: string, vifs: string[]) =>
  `name = "${name}"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 512\nvcpus = 1\nvif = [ ${vifs.map((v) => `"${v}"`).join(", ")} ]\n`;

function run(files: Record<string, string>, rule: string, host: Partial<HostProfile> = {}) {
  const results = lintFiles(
    Object.entries(files).map(([path, text]) => ({ path, text })),
    { rules: allRules, host: { ...DEFAULT_HOST, ...host } },
  );
  return results.flatMap((r) => r.diagnostics.filter((d) => d.rule === rule));
}

describe("duplicate-mac", () => {
  it("matches MACs as xl reads them across files, and points at the others", () => {
    const found = run(
      { "a.cfg": guest("a", ["mac=00:16:3e:0a:00:01"]), "b.cfg": guest("b", ["mac=00-16-3E-A-0-1,bridge=xenbr0"]), "c.cfg": guest("c", ["mac=00:16:3e:0a:00:02"]) },
      "duplicate-mac",
    );
    expect(found.map((d) => d.path)).toEqual(["a.cfg", "b.cfg"]);
    expect(found[0]!.related.map((r) => r.path)).toEqual(["b.cfg"]);
    expect(found[0]!.message).toContain("00:16:3e:0a:00:01");
    // The range is the MAC value inside the string.
    const text = guest("a", ["mac=00:16:3e:0a:00:01"]);
    const line = text.split("\n")[5]!;
    expect(found[0]!.range.start.column).toBe(line.indexOf("00:16"));
    expect(found[0]!.range.end.column).toBe(line.indexOf("00:16") + 17);
  });
  it("reports two vifs of one guest, and leaves random (all-zero or absent) MACs alone", () => {
    expect(run({ "a.cfg": guest("a", ["mac=00:16:3e:00:00:01", "mac=00:16:3e:00:00:01"]) }, "duplicate-mac")).toHaveLength(2);
    expect(run({ "a.cfg": guest("a", ["mac=00:00:00:00:00:00", "mac=00:00:00:00:00:00", "bridge=xenbr0", ""]) }, "duplicate-mac")).toEqual([]);
  });
});

describe("vif-missing-bridge", () => {
  it("is an error for a bridge the host lacks, at the bridge name", () => {
    const [d] = run({ "a.cfg": guest("a", ["mac=00:16:3e:00:00:01,bridge=br-dmz"]) }, "vif-missing-bridge", { bridges: ["xenbr0"] });
    expect(d?.severity).toBe("error");
    expect(d?.message).toContain("`br-dmz`");
  });
  it("checks the default bridge (xl.conf's, else xenbr0) for vifs that name none", () => {
    expect(run({ "a.cfg": guest("a", ["mac=00:16:3e:00:00:01"]) }, "vif-missing-bridge", { bridges: ["xenbr0"] })).toEqual([]);
    expect(run({ "a.cfg": guest("a", ["mac=00:16:3e:00:00:01"]) }, "vif-missing-bridge", { bridges: ["br0"] })[0]?.severity).toBe("error");
    expect(run({ "a.cfg": guest("a", ["mac=00:16:3e:00:00:01"]) }, "vif-missing-bridge", { bridges: ["br0"], defaultBridge: "br0" })).toEqual([]);
  });
  it("without a host profile, notes only vifs relying on the default; routed vifs are left alone", () => {
    const found = run({ "a.cfg": guest("a", ["bridge=br1", "mac=00:16:3e:00:00:02", "script=vif-route"]) }, "vif-missing-bridge");
    expect(found.map((d) => [d.severity, d.range.start.line])).toEqual([["info", 5]]);
    expect(found[0]!.help).toContain("`xenbr0`");
  });
});

describe("duplicate-name and duplicate-uuid", () => {
  it("compare across files; UUIDs without regard to case", () => {
    expect(run({ "a.cfg": guest("web", []), "b.cfg": guest("web", []), "c.cfg": guest("db", []) }, "duplicate-name").map((d) => d.path)).toEqual(["a.cfg", "b.cfg"]);
    const u = 'uuid = "6c6d5f0e-8f3a-4d7e-9b1a-2f3c4d5e6f70"\n';
    expect(run({ "a.cfg": guest("a", []) + u, "b.cfg": guest("b", []) + u.toUpperCase().replace("UUID", "uuid") }, "duplicate-uuid")).toHaveLength(2);
  });
});

describe("vif-multicast-mac and vif-ioemu-on-pv", () => {
  it("flags group and broadcast MACs as xl reads them, not unicast or random ones", () => {
    expect(run({ "a.cfg": guest("a", ["mac=03:00:00:00:00:01", "mac=ff:ff:ff:ff:ff:ff", "mac=02:00:00:00:00:01", "mac=00:00:00:00:00:00"]) }, "vif-multicast-mac")).toHaveLength(2);
  });
  it("refuses an emulated NIC on PV/PVH and its fix removes just that item", () => {
    const text = guest("a", ["mac=00:16:3e:00:00:01,type=ioemu,bridge=xenbr0"]);
    const [d] = run({ "a.cfg": text }, "vif-ioemu-on-pv");
    expect(d?.message).toContain("PVH");
    const edit = d!.fix!.edits[0]!;
    const fixed = text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
    expect(fixed).toContain('"mac=00:16:3e:00:00:01,bridge=xenbr0"');
    expect(run({ "a.cfg": fixed }, "vif-ioemu-on-pv")).toEqual([]);
    expect(run({ "a.cfg": text.replace('type = "pvh"', 'type = "hvm"') }, "vif-ioemu-on-pv")).toEqual([]);
  });
});
