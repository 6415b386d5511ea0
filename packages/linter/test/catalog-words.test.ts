/**
 * The catalog's prose must be ours: no doc may share a run of eight words
 * with the man pages it summarises. The man pages also tell us whether the
 * section names we cite exist.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { allOptions, allXlConfOptions } from "../src/catalog";

/** The rendered man page, unhyphenated and unjustified so words are not split, or undefined. */
function renderManPage(page: string): string | undefined {
  const run = spawnSync("man", ["--nh", "--nj", "-P", "cat", "5", page], {
    encoding: "utf8",
    env: { ...process.env, MANWIDTH: "1000", LC_ALL: "C.UTF-8" },
  });
  if (run.status !== 0 || !run.stdout || run.stdout.length < 1000) return undefined;
  return run.stdout;
}

const xlCfg = renderManPage("xl.cfg");
const xlConf = renderManPage("xl.conf");
const noManPage = xlCfg === undefined || xlConf === undefined ? "man 5 xl.cfg / man 5 xl.conf is not installed here" : undefined;

const RUN = 8;

function words(text: string): string[] {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim().split(" ").filter(Boolean);
}

function runsOf(text: string): Set<string> {
  const list = words(text);
  const out = new Set<string>();
  for (let i = 0; i + RUN <= list.length; i++) out.add(list.slice(i, i + RUN).join(" "));
  return out;
}

describe.skipIf(noManPage)(`our own words${noManPage ? ` (skipped: ${noManPage})` : ""}`, () => {
  const manRuns = new Set([...runsOf(xlCfg ?? ""), ...runsOf(xlConf ?? "")]);
  const entries = [...allOptions(), ...allXlConfOptions()];

  it("has the man pages' text to compare with", () => {
    expect(manRuns.size).toBeGreaterThan(10_000);
  });

  it("shares no run of eight words between any doc and the man pages", () => {
    const copied = entries.flatMap((entry) => [...runsOf(entry.doc)].filter((run) => manRuns.has(run)).map((run) => `${entry.key}: "${run}"`));
    expect(copied).toEqual([]);
  });

  it("would notice a copied sentence", () => {
    const lines = (xlCfg ?? "").split("\n").map((l) => l.trim());
    const sentence = lines.find((l) => words(l).length >= 12) ?? "";
    expect([...runsOf(`Some words. ${sentence}`)].some((run) => manRuns.has(run))).toBe(true);
  });

  it("cites man page sections that exist", () => {
    const headings = new Set((xlCfg ?? "").split("\n").map((l) => l.trim()).filter(Boolean));
    const cited = allOptions()
      .filter((o) => o.man.startsWith("xl.cfg(5) ›"))
      .flatMap((o) => o.man.slice("xl.cfg(5) › ".length).split("; ").map((p) => [o.key, p] as const));
    expect(cited.length).toBeGreaterThan(140);
    const missing = cited.flatMap(([key, place]) => place.split(" › ").filter((h) => !headings.has(h)).map((h) => `${key}: ${h}`));
    expect(missing).toEqual([]);
  });

  it("documents under the cited section every 4.17 key the man page describes", () => {
    // The man page shows each key as a line starting with `key=`; undocumented keys must not appear so.
    const lines = (xlCfg ?? "").split("\n");
    for (const option of allOptions()) {
      if (option.since || option.status === "xm-only") continue;
      const described = lines.some((l) => new RegExp(`^ {7}${option.key}=`).test(l));
      expect(described, option.key).toBe(!option.man.startsWith("undocumented"));
    }
  });
});
