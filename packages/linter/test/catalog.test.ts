import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sharedDir } from "../../parser/test/helpers";
import {
  allOptions,
  allXlConfOptions,
  damerauLevenshtein,
  exampleOf,
  optionByKey,
  suggestKeys,
  xlConfOptionByKey,
  type OptionInfo,
} from "../src/catalog";

const referencePath = path.join(sharedDir, "reference", "xl-reference.md");
const reference = existsSync(referencePath) ? readFileSync(referencePath, "utf8") : undefined;
const noReference = reference === undefined ? `no reference at ${referencePath}` : undefined;

/** The lines of a `### N.N` (or `## N`) section, heading excluded. */
function section(text: string, heading: RegExp): string[] {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => heading.test(l));
  if (start < 0) throw new Error(`section ${heading} not found in the reference`);
  const end = lines.findIndex((l, i) => i > start && /^#{2,3} /.test(l));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

function backticked(line: string): string[] {
  return [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? "");
}

/** The flat key list of Appendix A, with the count its heading announces. */
function appendixKeys(text: string): { announced: number; keys: string[] } {
  const lines = section(text, /^## Appendix A/);
  const headingIndex = lines.findIndex((l) => /\*\*All \d+ top-level keys/.test(l));
  const announced = Number(/\*\*All (\d+) top-level keys/.exec(lines[headingIndex] ?? "")?.[1]);
  const open = lines.findIndex((l, i) => i > headingIndex && l.startsWith("```"));
  const close = lines.findIndex((l, i) => i > open && l.startsWith("```"));
  const keys = lines.slice(open + 1, close).join(" ").split(/\s+/).filter(Boolean);
  return { announced, keys };
}

/** `key (4.18)` pairs of the "Added later" paragraph. */
function addedLater(text: string): Map<string, string> {
  const line = section(text, /^## Appendix A/).find((l) => l.startsWith("**Added later**")) ?? "";
  return new Map([...line.matchAll(/`([a-z_0-9]+)` \((4\.\d+)\)/g)].map((m) => [m[1] ?? "", m[2] ?? ""]));
}

function appendixLine(text: string, label: string): string[] {
  const line = section(text, /^## Appendix A/).find((l) => l.includes(label)) ?? "";
  const tail = line.slice(line.indexOf(label));
  return backticked(tail.split("**")[1] ?? "");
}

const domainOptions = allOptions();
const xlRead = domainOptions.filter((o) => o.status !== "xm-only");

describe.skipIf(noReference)(`Appendix A walk${noReference ? ` (skipped: ${noReference})` : ""}`, () => {
  const text = reference ?? "";

  it("has every one of the keys xl 4.17 reads, as read by 4.17", () => {
    const { announced, keys } = appendixKeys(text);
    expect(announced).toBe(158);
    expect(new Set(keys).size).toBe(announced);
    for (const key of keys) {
      const option = optionByKey(key);
      expect(option, key).toBeDefined();
      expect(["xl", "warns-and-ignores"], key).toContain(option?.status);
      expect(option?.since, key).toBeUndefined();
    }
  });

  it("has the keys added after 4.17, each with its release", () => {
    const later = addedLater(text);
    expect(later.size).toBeGreaterThanOrEqual(14);
    for (const [key, version] of later) {
      expect(optionByKey(key)?.since, key).toBe(version);
      expect(optionByKey(key)?.status, key).toBe("xl");
    }
  });

  it("has no key xl reads that the reference does not list (typos in our data fail)", () => {
    const listed = new Set([...appendixKeys(text).keys, ...addedLater(text).keys()]);
    const unlisted = xlRead.filter((o) => !listed.has(o.key)).map((o) => o.key);
    expect(unlisted).toEqual([]);
  });

  it("marks exactly the keys that only print a warning", () => {
    const warnOnly = appendixLine(text, "Keys that only print a deprecation/ignore warning:");
    expect(warnOnly.length).toBeGreaterThan(0);
    expect(xlRead.filter((o) => o.status === "warns-and-ignores").map((o) => o.key).sort()).toEqual([...warnOnly].sort());
    for (const key of warnOnly) expect(optionByKey(key)?.warnsWhenSet, key).toBeTruthy();
  });

  it("records every deprecation the reference names", () => {
    const deprecatedKeys = appendixLine(text, "Deprecated but functional:").filter((k) => /^[a-z_]+$/.test(k));
    expect(deprecatedKeys.length).toBeGreaterThan(0);
    for (const key of deprecatedKeys) {
      const option = optionByKey(key);
      const recorded =
        option?.deprecated !== undefined || option?.onWrongShape?.effect === "deprecated" || /deprecated/.test(option?.values?.note ?? "");
      expect(recorded, key).toBe(true);
    }
  });

  it("says which keys are read but change nothing", () => {
    const inert = appendixLine(text, "Functional but without effect:");
    expect(inert.length).toBeGreaterThan(0);
    for (const key of inert) expect(optionByKey(key)?.noEffect, key).toBeTruthy();
    expect(xlRead.filter((o) => o.noEffect).map((o) => o.key).sort()).toEqual([...inert].sort());
  });

  it("knows every xm key of §8.3 as ignored by xl, and no other", () => {
    const line = section(text, /^### 8\.3 /).find((l) => l.startsWith("`")) ?? "";
    const xmKeys = backticked(line);
    expect(xmKeys.length).toBeGreaterThan(30);
    for (const key of xmKeys) expect(optionByKey(key)?.status, key).toBe("xm-only");
    const ours = domainOptions.filter((o) => o.status === "xm-only").map((o) => o.key);
    expect(ours.sort()).toEqual([...xmKeys].sort());
  });

  it("knows the xl.conf keys of §2.10, with their deprecations and releases", () => {
    const line = section(text, /^### 2\.10 /).find((l) => l.startsWith("`")) ?? "";
    const entries = [...line.matchAll(/(?:\((4\.\d+)\+\) )?`([a-z_.]+)`( \(deprecated\))?/g)];
    expect(entries.length).toBeGreaterThan(15);
    for (const [, since, key = "", deprecated] of entries) {
      const option = xlConfOptionByKey(key);
      expect(option, key).toBeDefined();
      expect(option?.since, key).toBe(since);
      expect(option?.deprecated !== undefined, key).toBe(deprecated !== undefined);
      // A key only xl.conf knows must not pass for a domain key.
      if (!option?.alsoDomainKey) expect(optionByKey(key), key).toBeUndefined();
    }
    const listed = new Set(entries.map((m) => m[2]));
    for (const option of allXlConfOptions()) {
      if (listed.has(option.key)) continue;
      // The only extra xl.conf keys are host defaults for domain keys (xl.conf(5)).
      expect(option.alsoDomainKey, option.key).toBe(true);
      expect(optionByKey(option.key)?.status, option.key).toBe("xl");
    }
  });

  it("reads exactly the keys of §6.2 only for the guest types §6.2 says", () => {
    const lines = section(text, /^### 6\.2 /);
    const bullet = (label: string) => backticked(lines.find((l) => l.includes(label)) ?? "");
    const expand = (names: string[]) =>
      names.flatMap((n) => (n.endsWith("*") ? xlRead.map((o) => o.key).filter((k) => k.startsWith(n.slice(0, -1))) : [n]));
    const hvmOnly = expand(bullet("**For PV and PVH** (read only when `type=hvm`)").slice(1));
    const pvOnly = expand(bullet("**For HVM and PVH:**"));
    const pvhOnly = expand(bullet("**For PV and HVM:**"));
    expect(hvmOnly.length).toBeGreaterThan(30);
    const expected = new Map<string, string[]>([
      ...hvmOnly.map((k): [string, string[]] => [k, ["hvm"]]),
      ...pvOnly.map((k): [string, string[]] => [k, ["pv"]]),
      ...pvhOnly.map((k): [string, string[]] => [k, ["pvh"]]),
    ]);
    for (const [key, readFor] of expected) expect([...(optionByKey(key)?.readFor ?? [])], key).toEqual(readFor);
    // keymap is the one key §6.2 notes PV also reads (to build a framebuffer).
    const narrowed = xlRead.filter((o) => o.readFor.length < 3 && o.key !== "keymap").map((o) => o.key);
    expect(narrowed.filter((k) => !expected.has(k))).toEqual([]);
  });
});

describe("data integrity", () => {
  const allKinds = new Set(["enum", "enum-list", "integer-or-enum", "boolean-or-enum", "boolean-or-enum-list"]);

  it("has unique keys that xl's lexer can read", () => {
    const keys = domainOptions.map((o) => o.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of [...keys, ...allXlConfOptions().map((o) => o.key)]) expect(key).toMatch(/^[a-z][._0-9a-z]*$/);
  });

  /** Sentences end with . ! or ? before a blank or the end; code in backticks does not count. */
  function sentences(doc: string): number {
    return (doc.replace(/`[^`]*`/g, "CODE").match(/[.!?](\s|$)/g) ?? []).length;
  }

  it.each([...domainOptions, ...allXlConfOptions()].map((o) => [o.key, o] as const))("%s has a short doc with an example", (key, option) => {
    const count = sentences(option.doc);
    expect(count).toBeGreaterThanOrEqual(1);
    expect(count).toBeLessThanOrEqual(4);
    const example = exampleOf(option);
    expect(example, `${key}: no "Example: \`${key} = ...\`" in its doc`).toBeDefined();
    expect(option.doc).not.toMatch(/\be\.g\.|\bi\.e\./);
    expect(option.man.trim()).not.toBe("");
  });

  it.each(domainOptions.map((o) => [o.key, o] as const))("%s is consistent", (_key, option: OptionInfo) => {
    expect(option.appliesTo.length).toBeGreaterThan(0);
    expect(option.readFor.length).toBeGreaterThan(0);
    expect(option.arch.length).toBeGreaterThan(0);
    for (const type of option.appliesTo) expect(option.readFor).toContain(type);
    expect(new Set(option.readFor).size).toBe(option.readFor.length);
    if (allKinds.has(option.kind)) expect(option.values?.allowed.length).toBeGreaterThan(0);
    else expect(option.values).toBeUndefined();
    if (option.kind === "spec" || option.kind === "spec-list") expect(option.spec).toBeDefined();
    if (option.range?.min !== undefined && option.range.max !== undefined) expect(option.range.min).toBeLessThanOrEqual(option.range.max);
    if (option.onOutOfRange) expect(option.range).toBeDefined();
    for (const type of Object.keys(option.onBadValueFor ?? {})) expect(option.readFor).toContain(type);
    for (const type of option.rejectedFor ?? []) expect(option.readFor).toContain(type);
    for (const companion of option.requires?.anyOf ?? []) expect(optionByKey(companion), companion).toBeDefined();
    if (option.readOnlyWith) {
      expect(option.readFor).toContain(option.readOnlyWith.guest);
      for (const key of option.readOnlyWith.anyOf) expect(optionByKey(key), key).toBeDefined();
    }
    expect(option.man).toMatch(/^(xl\.cfg\(5\)|undocumented \(read in xl_parse\.c\)$|not in xl\.cfg\(5\))/);
    if (option.since) expect(option.man).toContain(`Xen ${option.since}+`);
    else expect(option.man).not.toMatch(/Xen 4\.\d+\+/);
    if (option.status === "xm-only") {
      expect(option.kind).toBe("any");
      expect(option.onBadValue).toBe("silent");
    }
  });

  it("keeps the xl.conf table separate from the domain keys", () => {
    for (const option of allXlConfOptions()) {
      expect(option.man).toMatch(/^xl\.conf\(5\)/);
      expect(optionByKey(option.key) !== undefined, option.key).toBe(option.alsoDomainKey);
      if (option.kind === "enum") expect(option.values?.allowed.length).toBeGreaterThan(0);
    }
  });
});

describe("suggestKeys", () => {
  it.each([
    ["on-crash", "on_crash"],
    ["memroy", "memory"],
    ["vcpu", "vcpus"],
    ["Memory", "memory"],
    ["bootloader_arg", "bootloader_args"],
    ["ON_REBOOT", "on_reboot"],
  ])("suggests %s → %s", (typed, expected) => {
    expect(suggestKeys(typed)[0]).toBe(expected);
  });

  it("suggests nothing for a word far from every key", () => {
    expect(suggestKeys("zzzzzz")).toEqual([]);
    expect(suggestKeys("xy")).toEqual([]);
  });

  it("never suggests keys xl ignores, and respects the limit", () => {
    expect(suggestKeys("cpu_cap")).not.toContain("cpu_cap");
    expect(suggestKeys("vfi")).toEqual(["vfb", "vif"]);
    expect(suggestKeys("vfi", 1)).toEqual(["vfb"]);
    expect(suggestKeys("vcn")).toContain("vnc");
  });

  it("measures swaps as one edit", () => {
    expect(damerauLevenshtein("memroy", "memory")).toBe(1);
    expect(damerauLevenshtein("", "abc")).toBe(3);
    expect(damerauLevenshtein("kitten", "sitting")).toBe(3);
    expect(damerauLevenshtein("same", "same")).toBe(0);
  });
});
