import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { evaluate, parse, type EvalValue } from "../src/index";
import { detachedSpecText, fileOffsetOf, specTextOf } from "../src/specs/spec-text";
import { parseVifSpec, VIF_COLO_KEYS, VIF_KEYS } from "../src/specs/vif";
import { corpusConfigs } from "./helpers";
import { nicJsonOf, randomJunk, randomVifSpec, tableNic, VIF_TABLE, vifWarningLines } from "./net-helpers";
import { seededRandom } from "./random";

const vif = (text: string) => parseVifSpec(detachedSpecText(text));

describe("parseVifSpec: the vif table (xl's nic JSON and messages)", () => {
  it.each(VIF_TABLE.map((r) => [r.spec, r] as const))("%j", (_name, row) => {
    const parsed = vif(row.spec);
    expect(parsed.accepted).toBe(row.accepted);
    if (!row.accepted) {
      expect(parsed.problems.some((p) => p.effect === "fatal")).toBe(true);
      return;
    }
    expect(nicJsonOf(parsed, 0)).toEqual(tableNic(row.nic ?? {}));
    expect(vifWarningLines(parsed)).toEqual(row.lines);
  });
});

describe("parseVifSpec: tokenizing like xl", () => {
  it("drops empty items, strips only leading spaces and keeps trailing ones", () => {
    const parsed = vif(" bridge=br0 ,,, model=e1000");
    expect(parsed.tokens.map((t) => t.text)).toEqual(["bridge=br0 ", "model=e1000"]);
    expect(parsed.bridge?.value).toBe("br0 ");
    expect(parsed.problems.map((p) => [p.code, p.effect])).toEqual([["value-spaces", "silent"]]);
  });

  it("matches `key=` as a prefix, so spaces around `=` make an unknown item", () => {
    const parsed = vif("bridge = br0,bridge= br1");
    expect(parsed.tokens[0]?.key).toBeUndefined();
    expect(parsed.bridge?.value).toBe(" br1");
    expect(parsed.problems.map((p) => p.code)).toEqual(["spaced-equals", "value-spaces"]);
    expect(parsed.problems[0]?.message).toContain("write `bridge=br0`");
  });

  it("knows every key of §4.2, the COLO family and vlan (4.19+)", () => {
    // xl 4.17 matches 48 colo_* keys (counted in xl_parse.c).
    expect(VIF_COLO_KEYS).toHaveLength(48);
    expect(new Set(VIF_COLO_KEYS).size).toBe(48);
    for (const key of VIF_KEYS) {
      const parsed = vif(`${key}=1`);
      expect(parsed.tokens[0]?.key).toBe(key);
      expect(parsed.problems.filter((p) => p.code === "unknown-key")).toEqual([]);
    }
    const vlan = vif("vlan=10");
    expect(vlan.vlan?.value).toBe("10");
    expect(vlan.problems.map((p) => [p.code, p.effect])).toEqual([["needs-newer-xen", "warning"]]);
    expect(vlan.problems[0]?.message).toContain("4.19");
  });

  it("lets the last value win and says so", () => {
    const parsed = vif("bridge=a,bridge=b,netdev=x,gatewaydev=y,trusted,untrusted");
    expect(parsed.bridge?.value).toBe("b");
    expect(parsed.gatewaydev?.value).toBe("y");
    expect(parsed.trusted?.value).toBe(false);
    expect(parsed.problems.filter((p) => p.code === "duplicate-key").map((p) => p.effect)).toEqual(["silent", "silent", "silent"]);
  });
});

describe("parseVifSpec: effects", () => {
  const effects = (text: string) => vif(text).problems.map((p) => [p.code, p.effect]);

  it("makes rate errors and non-numeric devid/mtu fatal, and the rest warnings", () => {
    expect(effects("rate=10mb/s")).toEqual([["rate-invalid", "fatal"]]);
    expect(effects("devid=x")).toEqual([["not-a-number", "fatal"]]);
    expect(effects("mtu=")).toEqual([["not-a-number", "fatal"]]);
    expect(effects("type=tap")).toEqual([["invalid-type", "warning"]]);
    expect(effects("mac=zz")).toEqual([["mac-invalid", "warning"]]);
    expect(effects("colour=blue")).toEqual([["unknown-key", "warning"]]);
    expect(effects("accel=1")).toEqual([["accel-unsupported", "warning"]]);
    expect(effects("netdev=eth0")).toEqual([["netdev-deprecated", "warning"]]);
    expect(effects("devid=3x")).toEqual([["number-trailing-ignored", "silent"]]);
    expect(effects("mtu=4294967297")).toEqual([["number-wraps", "silent"]]);
    expect(vif("rate=10mb/s").accepted).toBe(false);
    expect(vif("type=tap,mac=zz,foo").accepted).toBe(true);
  });

  it("gives hints for the usual mistakes", () => {
    const message = (text: string) => vif(text).problems[0]?.message ?? "";
    expect(message("MAC=00:16:3e:00:00:01")).toContain("lowercase");
    expect(message("\tbridge=br0")).toContain("strips only spaces");
    expect(message("trusted ")).toContain("trailing blanks");
    expect(message("type=IOEMU")).toContain("type=ioemu");
    expect(message("bridge")).toContain("needs a value");
  });
});

describe("parseVifSpec: spans", () => {
  it("gives key and value spans so a rule can underline and a fix can rewrite", () => {
    const text = "mac=00:16:3e:zz:00:01,bridge=br0";
    const parsed = vif(text);
    const mac = parsed.mac;
    expect(mac?.span).toEqual({ start: 4, end: 21 });
    expect(text.slice(mac?.span.start, mac?.span.end)).toBe("00:16:3e:zz:00:01");
    expect(parsed.tokens[0]?.keySpan).toEqual({ start: 0, end: 3 });
    expect(text.slice(parsed.bridge?.span.start, parsed.bridge?.span.end)).toBe("br0");
    const problem = parsed.problems[0];
    expect(problem?.code).toBe("mac-invalid");
    expect(text.slice(problem?.span.start, problem?.span.end)).toBe("zz:00:01");
  });

  it("shifts rate problem spans into the spec", () => {
    const text = "bridge=br0,rate=10MB/s@10h";
    const problem = vif(text).problems[0];
    expect(text.slice(problem?.span.start, problem?.span.end)).toBe("10h");
  });

  it("maps to the config file through escapes", () => {
    const file = "vif = [ 'bridge=br0', 'mac=00:16:3e:\\x41:00:01' ]\n";
    const list = evaluate(parse(file).file).settings.get("vif")?.value;
    const second = list?.kind === "list" ? list.items[1] : undefined;
    const node = second?.kind === "string" ? second.parts[0] : undefined;
    expect(node?.kind).toBe("string");
    if (node?.kind !== "string") return;
    const spec = specTextOf(node);
    const parsed = parseVifSpec(spec);
    const span = parsed.mac?.span;
    expect(span).toBeDefined();
    if (!span) return;
    expect(file.slice(fileOffsetOf(spec, span.start), fileOffsetOf(spec, span.end))).toBe(file.slice(file.indexOf("00:16:3e:\\x"), file.lastIndexOf("'")));
  });
});

describe("parseVifSpec: never throws", () => {
  it("on 4,000 generated and random specs, with spans inside the text", () => {
    const rand = seededRandom(0x71f);
    for (let i = 0; i < 4000; i++) {
      const text = i % 2 === 0 ? randomVifSpec(rand) : randomJunk(rand);
      const parsed = vif(text);
      expect(parsed.accepted).toBe(!parsed.problems.some((p) => p.effect === "fatal"));
      for (const p of parsed.problems) {
        expect(p.span.start).toBeGreaterThanOrEqual(0);
        expect(p.span.end).toBeLessThanOrEqual(text.length);
        expect(p.span.start).toBeLessThanOrEqual(p.span.end);
        expect(p.message.length).toBeGreaterThan(20);
      }
    }
  });

  it("on every vif of the shared corpus", () => {
    let specs = 0;
    for (const file of corpusConfigs()) {
      const settings = evaluate(parse(readFileSync(file, "latin1")).file).settings;
      const value: EvalValue | undefined = settings.get("vif")?.value;
      if (value?.kind !== "list") continue;
      for (const item of value.items) {
        if (item.kind !== "string") break;
        const parsed = vif(item.value);
        expect(parsed.tokens.length).toBeLessThanOrEqual(item.value.length);
        specs++;
      }
    }
    // The corpus may be absent on a fresh checkout; when present it has vifs.
    if (corpusConfigs().length > 0) expect(specs).toBeGreaterThan(0);
  });
});
