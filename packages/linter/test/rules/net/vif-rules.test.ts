/** Edge cases of the vif rules: ranges, severities, fixes (applied, then re-linted), guest types, and what must stay quiet. */
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../../src/index";
import { applyFix, covered, findings, lint, vifConfig } from "./helpers";

/** Applies every fix of these findings at once, as the CLI does for one rule. */
function applyAll(text: string, found: readonly Diagnostic[]): string {
  const edits = found.flatMap((d) => d.fix?.edits ?? []).sort((a, b) => b.start - a.start);
  for (let i = 1; i < edits.length; i++) expect(edits[i - 1]!.start).toBeGreaterThanOrEqual(edits[i]!.end);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** The one finding of `rule`, its fix applied, and a check that the rule is then quiet. */
function fixedOnce(text: string, rule: string, host = {}): string {
  const [d] = findings(text, rule, host);
  expect(d?.fix, `${rule} offers a fix`).toBeDefined();
  const after = applyFix(text, d!.fix);
  expect(findings(after, rule, host)).toEqual([]);
  return after;
}

describe("vif-unknown-key", () => {
  it("suggests the nearest key, points at the item, and fixes a single candidate", () => {
    const text = vifConfig(["mac=00:16:3e:00:00:01,brige=br-dmz"]);
    const [d] = findings(text, "vif-unknown-key");
    expect(covered(text, d!)).toBe("brige=br-dmz");
    expect(d!.help).toContain("`bridge`");
    expect(fixedOnce(text, "vif-unknown-key")).toContain('"mac=00:16:3e:00:00:01,bridge=br-dmz"');
  });
  it("rewrites uppercase keys and blanks around `=`; a key without value gets no fix", () => {
    expect(fixedOnce(vifConfig(["Bridge=xenbr0"]), "vif-unknown-key")).toContain('"bridge=xenbr0"');
    expect(fixedOnce(vifConfig(["mac=00:16:3e:00:00:01, bridge = br1 "]), "vif-unknown-key")).toContain('"mac=00:16:3e:00:00:01, bridge=br1"');
    expect(fixedOnce(vifConfig(["Trusted"]), "vif-unknown-key")).toContain('"trusted"');
    const [bare] = findings(vifConfig(["mac"]), "vif-unknown-key");
    expect(bare?.message).toContain("no value");
    expect(bare?.fix).toBeUndefined();
  });
  it("offers no fix for a word with no close key, or for a flag-shaped word matching a key", () => {
    expect(findings(vifConfig(["colour=red"]), "vif-unknown-key")[0]?.fix).toBeUndefined();
    expect(findings(vifConfig(["brige"]), "vif-unknown-key")[0]?.fix).toBeUndefined();
  });
  it("leaves known items, blank items and tab-prefixed known items to others", () => {
    expect(findings(vifConfig(["mac=00:16:3e:00:00:01,  bridge=xenbr0,trusted,colo_checkpoint_port=9000"]), "vif-unknown-key")).toEqual([]);
    expect(findings(vifConfig(["a, ,\tbridge=br1,trusted "]), "vif-unknown-key").map((d) => d.message.slice(0, 5))).toEqual(["`a` i"]);
  });
});

describe("vif-whitespace", () => {
  it("removes blanks xl keeps in a value, and the rule is quiet after", () => {
    const text = vifConfig(["bridge=xenbr0 ,mac=00:16:3e:00:00:01"]);
    const [d] = findings(text, "vif-whitespace");
    expect(covered(text, d!)).toBe(" ");
    expect(fixedOnce(text, "vif-whitespace")).toContain('"bridge=xenbr0,mac=00:16:3e:00:00:01"');
  });
  it("reports tabs that hide an item, blank items and `trusted `, with fixes", () => {
    expect(fixedOnce(vifConfig(["mac=00:16:3e:00:00:01,\tbridge=br1"]), "vif-whitespace")).toContain('"mac=00:16:3e:00:00:01,bridge=br1"');
    expect(fixedOnce(vifConfig(["a=1, ,b=2"]), "vif-whitespace")).toContain('"a=1,,b=2"');
    expect(fixedOnce(vifConfig(["trusted ,bridge=br1"]), "vif-whitespace")).toContain('"trusted,bridge=br1"');
  });
  it("offers no fix where the file writes the tab as an escape", () => {
    const text = vifConfig(["mac=00:16:3e:00:00:01,\\tbridge=br1"]);
    const [d] = findings(text, "vif-whitespace");
    expect(d).toBeDefined();
    expect(d!.fix).toBeUndefined();
  });
  it("leaves blanks after a MAC or a number alone (xl ignores them)", () => {
    expect(findings(vifConfig(["mac=00:16:3e:00:00:01 ,devid=1 ,bridge=xenbr0"]), "vif-whitespace")).toEqual([]);
  });
  it("takes over a padded bridge from vif-missing-bridge when the host has the trimmed name", () => {
    const text = vifConfig(["bridge=xenbr0 "]);
    expect(findings(text, "vif-missing-bridge", { bridges: ["xenbr0"] })).toEqual([]);
    expect(findings(text, "vif-whitespace", { bridges: ["xenbr0"] })).toHaveLength(1);
    expect(findings(vifConfig(["bridge=br9 "]), "vif-missing-bridge", { bridges: ["xenbr0"] })).toHaveLength(1);
  });
});

describe("vif MACs", () => {
  const sev = (spec: string, rule = "vif-invalid-mac") => findings(vifConfig([`${spec},bridge=xenbr0`]), rule).map((d) => d.severity);
  it("weighs each problem: xl's warning is an error, silent misreadings warnings, forms a note", () => {
    expect(sev("mac=00:16:3e:zz:00:01")).toEqual(["error"]);
    expect(sev("mac=00:16:3e:01")).toEqual(["error"]);
    expect(sev("mac=00:16:3e:01:02")).toEqual(["warning"]);
    expect(findings(vifConfig(["mac=00:16:3e:01:02:03:04"]), "vif-invalid-mac").map((d) => d.severity)).toEqual(["warning"]);
    expect(sev("mac=00:00:00:00:00:00")).toEqual(["warning"]);
    expect(sev("mac=0:16:3e:1:2:3")).toEqual(["info"]);
    expect(sev("mac=00:16:3e:01:02:03")).toEqual([]);
    expect(findings(vifConfig(["mac=00:16:3e:01:02:03 "]), "vif-invalid-mac")).toEqual([]);
  });
  it("rewrites a MAC xl reads correctly to the usual form", () => {
    expect(fixedOnce(vifConfig(["mac=00-16-3E-1-2-3,bridge=xenbr0"]), "vif-invalid-mac")).toContain('"mac=00:16:3e:01:02:03,bridge=xenbr0"');
    expect(findings(vifConfig(["mac=00:16:3e:zz:00:01"]), "vif-invalid-mac")[0]?.fix).toBeUndefined();
  });
  it("leaves a MAC xl cannot read to vif-invalid-mac alone", () => {
    expect(sev("mac=1:2:3", "vif-multicast-mac")).toEqual([]);
    expect(sev("mac=03:00:00:00:00:01", "vif-multicast-mac")).toEqual(["error"]);
  });
  it("notes vendor prefixes, but not Xen's, locally administered, zero or multicast addresses", () => {
    const text = vifConfig(["mac=00:1a:2b:3c:4d:5e"]);
    const [d] = findings(text, "vif-mac-oui");
    expect(d?.severity).toBe("info");
    expect(covered(text, d!)).toBe("00:1a:2b:3c:4d:5e");
    for (const mac of ["00:16:3e:3c:4d:5e", "52:54:00:3c:4d:5e", "00:00:00:00:00:00", "01:1a:2b:3c:4d:5e", "00:1a:2b:zz:4d:5e"]) {
      expect(findings(vifConfig([`mac=${mac}`]), "vif-mac-oui"), mac).toEqual([]);
    }
  });
});

describe("vif rates", () => {
  it("vif-invalid-rate points at the part xl trips over and fixes a lowercase multiplier only when the rest is fine", () => {
    const text = vifConfig(["bridge=xenbr0,rate=10MB/s@50h"]);
    const [d] = findings(text, "vif-invalid-rate");
    expect(covered(text, d!)).toBe("50h");
    expect(d!.fix).toBeUndefined();
    expect(fixedOnce(vifConfig(["rate=10kB/s@20ms"]), "vif-invalid-rate")).toContain('"rate=10KB/s@20ms"');
    expect(findings(vifConfig(["rate=08kB/s"]), "vif-invalid-rate")[0]?.fix).toBeUndefined();
  });
  it("vif-rate-octal: octal numbers (unsafe fix) and unitless intervals (safe fix to seconds), one finding each", () => {
    const octal = findings(vifConfig(["rate=010MB/s"]), "vif-rate-octal");
    expect(octal.map((d) => d.fix?.safety)).toEqual(["unsafe"]);
    expect(applyFix(vifConfig(["rate=010MB/s"]), octal[0]!.fix)).toContain('"rate=10MB/s"');
    expect(fixedOnce(vifConfig(["rate=10MB/s@50"]), "vif-rate-octal")).toContain('"rate=10MB/s@50s"');
    const both = findings(vifConfig(["rate=10MB/s@0010"]), "vif-rate-octal");
    expect(both).toHaveLength(1);
    expect(findings(applyFix(vifConfig(["rate=10MB/s@0010"]), both[0]!.fix), "vif-rate-octal")).toEqual([]);
    expect(findings(vifConfig(["rate=10MB/s@50ms"]), "vif-rate-octal")).toEqual([]);
  });
  it("a rate with no credit is vif-rate-too-low's, with the octal reading as its cause", () => {
    const text = vifConfig(["rate=010B/s"]);
    expect(findings(text, "vif-rate-octal")).toEqual([]);
    const [d] = findings(text, "vif-rate-too-low");
    expect(d?.severity).toBe("warning");
    expect(d?.help).toContain("octal");
    expect(findings(vifConfig(["rate=100KB/s"]), "vif-rate-too-low")).toEqual([]);
  });
});

describe("vif types and models", () => {
  it("vif-invalid-type fixes case and blanks, but never to `ioemu` on PV or PVH", () => {
    expect(fixedOnce(vifConfig(["type=IOEMU"], "hvm"), "vif-invalid-type")).toContain('"type=ioemu"');
    expect(findings(vifConfig(["type=IOEMU"], "pvh"), "vif-invalid-type")[0]?.fix).toBeUndefined();
    expect(fixedOnce(vifConfig(["type=vif "], "pv"), "vif-invalid-type")).toContain('"type=vif"');
    expect(findings(vifConfig(["type=netfront"], "pv"), "vif-invalid-type")[0]?.fix).toBeUndefined();
  });
  it("vif-model-ignored on PV/PVH and on HVM vifs of type vif; not with the emulated card, nor beside ioemu on PV", () => {
    expect(fixedOnce(vifConfig(["bridge=xenbr0,model=e1000"], "pv"), "vif-model-ignored")).toContain('"bridge=xenbr0"');
    expect(fixedOnce(vifConfig(["model=e1000,bridge=xenbr0"], "pvh"), "vif-model-ignored")).toContain('"bridge=xenbr0"');
    expect(findings(vifConfig(["type=vif,model=e1000"], "hvm"), "vif-model-ignored")).toHaveLength(1);
    expect(findings(vifConfig(["model=e1000"], "hvm"), "vif-model-ignored")).toEqual([]);
    expect(findings(vifConfig(["type=ioemu,model=e1000"], "pv"), "vif-model-ignored")).toEqual([]);
    expect(findings('name = "t"\ntype = "HVM"\nvif = [ "model=e1000" ]\n', "vif-model-ignored")).toEqual([]);
  });
  it("vif-name-too-long: 15 bytes, or 11 on an HVM vif with the emulated card", () => {
    const at = (name: string, type: "pv" | "hvm", extra = "") => findings(vifConfig([`vifname=${name}${extra}`], type), "vif-name-too-long").length;
    expect([at("a".repeat(15), "pv"), at("a".repeat(16), "pv")]).toEqual([0, 1]);
    expect([at("a".repeat(11), "hvm"), at("a".repeat(12), "hvm")]).toEqual([0, 1]);
    expect(at("a".repeat(15), "hvm", ",type=vif")).toBe(0);
  });
});

describe("vif numbers", () => {
  it("vif-invalid-number: an error when xl stops, a warning with a fix for ignored text", () => {
    const bad = findings(vifConfig(["mtu=jumbo"]), "vif-invalid-number");
    expect(bad.map((d) => d.severity)).toEqual(["error"]);
    const text = vifConfig(["devid=3x"]);
    const [d] = findings(text, "vif-invalid-number");
    expect([d?.severity, covered(text, d!)]).toEqual(["warning", "x"]);
    expect(fixedOnce(text, "vif-invalid-number")).toContain('"devid=3"');
    expect(findings(vifConfig(["devid=-2"]), "vif-invalid-number")[0]?.message).toContain("negative");
  });
  it("vif-duplicate-devid: explicit numbers, positions and libxl's renumbering of negative ones", () => {
    const clash = (specs: string[]) => findings(vifConfig(specs), "vif-duplicate-devid");
    const [d] = clash(["devid=1,bridge=a", "devid=1,bridge=b"]);
    expect(d?.related[0]?.range.start.line).toBe(d?.range.start.line);
    expect(clash(["bridge=a", "devid=0,bridge=b"])).toHaveLength(1);
    expect(clash(["devid=1,bridge=a", "bridge=b", "bridge=c"])).toHaveLength(1);
    expect(clash(["bridge=a", "devid=-2,bridge=b"])).toHaveLength(1);
    expect(clash(["devid=-2,bridge=a", "bridge=b"])).toEqual([]);
    expect(clash(["bridge=a", "devid=5,bridge=b"])).toEqual([]);
    // xl stops at a refused spec first; that is vif-invalid-number's finding.
    expect(clash(["bridge=a", "devid=0,mtu=x"])).toEqual([]);
  });
});

describe("vif-repeated-key and vif-deprecated-key", () => {
  it("removes earlier values xl overrides, with edits that do not overlap", () => {
    const text = vifConfig(["bridge=a,bridge=b,bridge=c"]);
    const found = findings(text, "vif-repeated-key");
    expect(found).toHaveLength(2);
    const after = applyAll(text, found);
    expect(after).toContain('"bridge=c"');
    expect(findings(after, "vif-repeated-key")).toEqual([]);
  });
  it("offers no fix for `mac=` and says nothing when the later `type=` is one xl skips", () => {
    expect(findings(vifConfig(["mac=00:16:3e:00:00:01,mac=00:16:3e:00:00:02"]), "vif-repeated-key")[0]?.fix).toBeUndefined();
    expect(findings(vifConfig(["type=vif,type=foo"]), "vif-repeated-key")).toEqual([]);
    expect(findings(vifConfig(["type=foo,type=vif"]), "vif-repeated-key")).toHaveLength(1);
    expect(findings(vifConfig(["trusted,untrusted"]), "vif-repeated-key")).toHaveLength(1);
  });
  it("netdev is a note with a rename, accel a warning with a removal, vlan depends on the Xen release", () => {
    const netdev = vifConfig(["script=vif-route,netdev=eth1"]);
    expect(findings(netdev, "vif-deprecated-key")[0]?.severity).toBe("info");
    expect(fixedOnce(netdev, "vif-deprecated-key")).toContain('"script=vif-route,gatewaydev=eth1"');
    expect(fixedOnce(vifConfig(["accel=x,bridge=xenbr0"]), "vif-deprecated-key")).toContain('"bridge=xenbr0"');
    expect(findings(vifConfig(["bridge=xenbr0,vlan=10"]), "vif-deprecated-key")).toHaveLength(1);
    expect(findings(vifConfig(["bridge=xenbr0,vlan=10"]), "vif-deprecated-key", { xenVersion: "4.19" })).toEqual([]);
  });
});

describe("vif-missing-bridge with driver domains", () => {
  it("does not check the bridge of a vif served by another domain", () => {
    expect(findings(vifConfig(["bridge=br-net,backend=netdom"]), "vif-missing-bridge", { bridges: ["xenbr0"] })).toEqual([]);
    expect(findings(vifConfig(["bridge=br-net,backend=0"]), "vif-missing-bridge", { bridges: ["xenbr0"] })).toHaveLength(1);
  });
});

describe("one problem, one finding", () => {
  it("gives each item of a messy vif exactly one net finding", () => {
    const text = vifConfig(["Bridge=br0,mac=00:16:3e:zz:00:01,rate=10mb/s,\tip=10.0.0.1,netdev=eth0,type=VIF"], "hvm");
    const rules = lint(text).filter((d) => d.rule.startsWith("vif-") && d.rule !== "vif-missing-bridge").map((d) => d.rule).sort();
    expect(rules).toEqual(["vif-deprecated-key", "vif-invalid-mac", "vif-invalid-rate", "vif-invalid-type", "vif-unknown-key", "vif-whitespace"]);
  });
});
