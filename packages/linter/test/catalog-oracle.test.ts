/**
 * The catalog's claims about xl's behaviour, checked against Debian's real
 * xl 4.17 through the oracle: bad values, wrong shapes, enum spellings,
 * ranges, which guest types read a key, and that every doc example is a
 * config line xl accepts. Keys added after 4.17 are unknown to this xl and
 * are left out.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { oraclePath, oracleUnavailableReason } from "../../parser/test/helpers";
import { allOptions, exampleOf, optionByKey, type OptionInfo } from "../src/catalog";

type Guest = "pv" | "pvh" | "hvm";
const GUESTS: readonly Guest[] = ["pv", "pvh", "hvm"];

const unavailable = oracleUnavailableReason();
const workDir = mkdtempSync(path.join(tmpdir(), "xlint-catalog-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** What xl said: accepted or not, and anything it printed besides "Parsing config from". */
interface Verdict {
  readonly accepted: boolean;
  readonly chatter: string;
}

/**
 * A minimal config of the given guest type. PV and PVH need something to
 * boot; when the key under test is `kernel` or `firmware` the base boots
 * through a bootloader instead, so that the two do not collide.
 */
function baseLines(guest: Guest, key: string): string[] {
  const boot = key === "kernel" || key === "firmware" ? 'bootloader = "pygrub"' : 'kernel = "/k"';
  if (guest === "hvm") return ['name = "t"', 'type = "hvm"'];
  if (guest === "pvh") return ['name = "t"', 'type = "pvh"', boot];
  return ['name = "t"', boot];
}

/** The example of the companion a key needs (`bios` for bios_path_override), so that only the key under test can go wrong. */
function companionLines(key: string): string[] {
  const needed = optionByKey(key)?.requires?.anyOf[0];
  const companion = needed === undefined ? undefined : optionByKey(needed);
  return companion ? [exampleOf(companion) ?? ""] : [];
}

let fileCount = 0;
/** Runs `xl-oracle check` on the base config plus `line` (asynchronously, so that tests can overlap). */
function xl(guest: Guest, key: string, line: string, withCompanion = true): Promise<Verdict> {
  const file = path.join(workDir, `c${fileCount++}.cfg`);
  const companions = withCompanion ? companionLines(key) : [];
  writeFileSync(file, [...baseLines(guest, key), ...companions, line, ""].join("\n"));
  return new Promise((resolve, reject) => {
    execFile(oraclePath, ["check", file], { encoding: "utf8" }, (error, _stdout, stderr) => {
      const status = error === null ? 0 : error.code;
      if (status !== 0 && status !== 1) {
        reject(new Error(`oracle gave no verdict (exit ${String(status)}) for ${line}: ${stderr}`));
        return;
      }
      const chatter = stderr
        .split("\n")
        .filter((l) => l !== "" && !l.startsWith("Parsing config from"))
        .join("\n");
      resolve({ accepted: status === 0, chatter });
    });
  });
}

/**
 * The guest type to try a key on: one where it takes effect, HVM first as
 * it reads the most. `type` and `builder` choose the type themselves, so
 * they go on the PV base, which sets none.
 */
function guestFor(option: OptionInfo): Guest {
  if (option.key === "type" || option.key === "builder") return "pv";
  return (["hvm", "pv", "pvh"] as const).find((g) => option.appliesTo.includes(g)) ?? option.readFor[0] ?? "pv";
}

const LIST_KINDS = new Set(["string-list", "spec-list", "nested-list", "enum-list"]);

/** A value of the right shape that no key can use. */
function bogusValue(option: OptionInfo): string {
  switch (option.kind) {
    case "integer":
    case "boolean":
      return '"zz"';
    case "spec":
      return '"zz=zz"';
    case "spec-list":
      return '[ "zz=zz" ]';
    case "nested-list":
      return '[ [ "zz" ] ]';
    case "string-list":
    case "enum-list":
    case "boolean-or-enum-list":
      return '[ "zz-bogus" ]';
    case "string-or-list":
      return option.spec ? '"zz=zz"' : '"zz-bogus"';
    default:
      return '"zz-bogus"';
  }
}

/** The same key with its other shape: a list for a single value and the reverse. */
function otherShape(option: OptionInfo): string {
  return LIST_KINDS.has(option.kind) ? '"1"' : '[ "1" ]';
}

/** A value spelled for the key's shape: enum-lists want a list. */
function spelled(option: OptionInfo, value: string): string {
  const quoted = JSON.stringify(value);
  return option.kind === "enum-list" || option.kind === "boolean-or-enum-list" ? `[ ${quoted} ]` : quoted;
}

/** fatal: refused; anything else: accepted (libxl-level failures come after xl's parser), saying nothing if silent. */
function expectEffect(verdict: Verdict, effect: string, what: string): void {
  if (effect === "fatal") {
    expect(verdict.accepted, `${what}: xl should refuse it`).toBe(false);
    return;
  }
  expect(verdict.accepted, `${what}: xl should accept it (${verdict.chatter})`).toBe(true);
  if (effect === "silent") expect(verdict.chatter, `${what}: xl should say nothing`).toBe("");
  if (effect === "warning") expect(verdict.chatter, `${what}: xl should print something`).not.toBe("");
  if (effect === "deprecated") expect(verdict.chatter, what).toMatch(/deprecated/i);
}

/** Keys the oracle's xl 4.17 knows (or, for xm keys, ignores as it should). */
const in417 = allOptions().filter((o) => o.since === undefined);
const rows = (list: readonly OptionInfo[]) => list.map((o) => [o.key, o] as const);

describe.skipIf(unavailable)(`catalog against xl 4.17${unavailable ? ` (skipped: ${unavailable})` : ""}`, { concurrent: true }, () => {
  /** Keys whose bad values xl notices: tried on every type that reads them. */
  const noisy = in417.filter((o) => o.status !== "xm-only" && ["fatal", "warning"].includes(o.onBadValue));
  /** The others are tried where they take effect (xm keys are covered by their examples). */
  const quiet = in417.filter((o) => o.status !== "xm-only" && !noisy.includes(o));

  it.each(rows(quiet))("%s: a bad value is accepted, quietly where the catalog says so", async (_key, option) => {
    const guest = guestFor(option);
    const effect = option.onBadValueFor?.[guest] ?? option.onBadValue;
    expectEffect(await xl(guest, option.key, `${option.key} = ${bogusValue(option)}`), effect, `${option.key} on ${guest}`);
  });

  it.each(rows(noisy))("%s: a bad value has the effect the catalog says on every type that reads it", async (_key, option) => {
    const bad = `${option.key} = ${bogusValue(option)}`;
    for (const guest of option.readFor) {
      const effect = option.onBadValueFor?.[guest] ?? option.onBadValue;
      const condition = option.readOnlyWith?.guest === guest ? option.readOnlyWith.anyOf[0] : undefined;
      if (condition === undefined) {
        expectEffect(await xl(guest, option.key, bad), effect, `${option.key} on ${guest}`);
        continue;
      }
      // Read only with the condition key on: silent without it, noisy with it.
      expectEffect(await xl(guest, option.key, bad), "silent", `${option.key} on ${guest} without ${condition}`);
      expectEffect(await xl(guest, option.key, `${condition} = 1\n${bad}`), effect, `${option.key} on ${guest} with ${condition}`);
    }
  });

  it.each(rows(in417.filter((o) => o.onWrongShape)))("%s: the other shape has the effect the catalog says", async (_key, option) => {
    const effect = option.onWrongShape?.effect ?? "";
    expectEffect(await xl(guestFor(option), option.key, `${option.key} = ${otherShape(option)}`), effect, option.key);
  });

  it.each(rows(in417))("%s: the doc's example is accepted, with messages only where the catalog expects them", async (_key, option) => {
    const example = exampleOf(option) ?? "";
    const guest = guestFor(option);
    const verdict = await xl(guest, option.key, example);
    expect(verdict.accepted, `${example} (${verdict.chatter})`).toBe(true);
    const expectsMessages = option.warnsWhenSet !== undefined || option.status === "warns-and-ignores";
    expect(verdict.chatter !== "", `${example} printed: ${verdict.chatter}`).toBe(expectsMessages);
    for (const refused of option.rejectedFor ?? []) expect((await xl(refused, option.key, example)).accepted, `${example} on ${refused}`).toBe(false);
  });

  const fatalEnums = in417.filter((o) => o.values && o.onBadValue === "fatal" && o.status === "xl");

  it.each(rows(fatalEnums))("%s: accepts exactly the spellings the catalog lists", async (_key, option) => {
    const values = option.values;
    if (!values) throw new Error("filtered on values");
    const guest = guestFor(option);
    // Each spelling with whether xl 4.17 should take it, all asked at once.
    const cases: [string, boolean][] = [
      ...[...values.allowed, ...(values.keywords ?? []), ...(values.alsoAccepted ?? [])].map((v): [string, boolean] => [v, true]),
      ...values.allowed
        .filter((v) => v.toUpperCase() !== v)
        .map((v): [string, boolean] => [v.toUpperCase(), values.match === "case-insensitive"]),
      ...(values.keywords ?? []).map((k): [string, boolean] => [k.toUpperCase(), false]),
      ...(values.match === "prefix" ? ["", ...values.allowed.map((v) => v.slice(0, 1))].map((v): [string, boolean] => [v, true]) : []),
      ...(option.addedValues ?? []).map((a): [string, boolean] => [a.value, false]),
      ...(option.removedValues ?? []).map((r): [string, boolean] => [r.value, true]),
    ];
    const verdicts = await Promise.all(cases.map(([value]) => xl(guest, option.key, `${option.key} = ${spelled(option, value)}`)));
    const wrong = cases.filter(([, expected], i) => verdicts[i]?.accepted !== expected).map(([value, expected]) => `${value}: expected ${expected ? "accepted" : "refused"}`);
    expect(wrong).toEqual([]);
  });

  it.each(rows(in417.filter((o) => o.onOutOfRange && o.range)))("%s: numbers outside the range have the effect the catalog says", async (_key, option) => {
    const { min, max } = option.range ?? {};
    const guest = guestFor(option);
    const tryNumber = (n: number) => xl(guest, option.key, `${option.key} = "${n}"`);
    const effect = option.onOutOfRange ?? "";
    for (const edge of [min, max]) if (edge !== undefined) expect((await tryNumber(edge)).accepted, `${option.key} = ${edge}`).toBe(true);
    if (max !== undefined) expectEffect(await tryNumber(max + 1), effect, `${option.key} = ${max + 1}`);
    if (min !== undefined) expectEffect(await tryNumber(min - 1), effect, `${option.key} = ${min - 1}`);
  });

  it.each(rows(in417.filter((o) => o.requires)))("%s: without its companion key has the effect the catalog says", async (_key, option) => {
    const verdict = await xl(guestFor(option), option.key, exampleOf(option) ?? "", false);
    expectEffect(verdict, option.requires?.effect ?? "", `${option.key} alone`);
  });

  const narrowed = in417.filter((o) => o.status === "xl" && o.readFor.length < GUESTS.length);

  it.each(rows(narrowed))("%s: goes unread, bad value and all, for the types the catalog says", async (_key, option) => {
    for (const guest of GUESTS.filter((g) => !option.readFor.includes(g))) {
      const verdict = await xl(guest, option.key, `${option.key} = ${bogusValue(option)}`);
      expect(verdict, `${option.key} on ${guest}`).toEqual({ accepted: true, chatter: "" });
    }
  });
});
