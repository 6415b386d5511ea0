/**
 * The "new guest" snippets: each, expanded with its defaults (and with every
 * choice of its choice placeholders), lints clean and is accepted by the real
 * xl 4.17 (xl-oracle check --deep; skipped where the oracle cannot run).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { lintText } from "@xlint/linter";
import { oracleUnavailableReason, oraclePath } from "../../parser/test/helpers";

const here = path.dirname(fileURLToPath(import.meta.url));
const snippets = JSON.parse(readFileSync(path.join(here, "..", "snippets", "xl.json"), "utf8")) as Record<string, { prefix: string[]; body: string[]; description: string }>;

/** The text VS Code inserts when every placeholder keeps its default and each choice takes `choice(options)`. */
export function expand(body: readonly string[], choice: (options: string[]) => string): string {
  let text = body.join("\n");
  // Innermost placeholders first: `${7:/dev/vg0/${1:guest}-disk}` holds another one.
  for (;;) {
    const next = text.replace(/\$\{\d+:([^${}]*)\}/g, "$1").replace(/\$\{\d+\|([^|]*)\|\}/g, (_m, options: string) => choice(options.split(",")));
    if (next === text) break;
    text = next;
  }
  return `${text.replace(/\$\d+/g, "")}\n`;
}

/** Every variant of a snippet: one per option of each choice, the other choices at their first option. */
function variants(body: readonly string[]): string[] {
  const choices = [...body.join("\n").matchAll(/\$\{\d+\|([^|]*)\|\}/g)].map((m) => (m[1] as string).split(","));
  const out = new Set([expand(body, (o) => o[0] as string)]);
  choices.forEach((options, which) => {
    for (const option of options) {
      let seen = -1;
      out.add(expand(body, (o) => (++seen === which ? option : (o[0] as string))));
    }
  });
  return [...out];
}

const entries = Object.entries(snippets);

describe("snippets", () => {
  it("there is one for each guest type, with a description", () => {
    const types = entries.map(([, s]) => /^type = "(\w+)"/m.exec(expand(s.body, (o) => o[0] as string))?.[1]);
    expect(types.sort()).toEqual(["hvm", "pv", "pvh"]);
    for (const [, s] of entries) expect(s.description.length).toBeGreaterThan(20);
  });

  it("the expansion works on nested placeholders", () => {
    expect(expand(["a=${1:x${2:y}z}", "b=${3|p,q|}$0"], (o) => o[1] as string)).toBe("a=xyz\nb=q\n");
  });

  for (const [name, snippet] of entries) {
    it(`${name} lints clean in every variant`, () => {
      for (const text of variants(snippet.body)) {
        const result = lintText(text, { path: "guest.cfg" });
        expect({ text, findings: result.diagnostics.map((d) => `${d.range.start.line + 1}: ${d.rule}: ${d.message}`) }).toEqual({ text, findings: [] });
      }
    });
  }

  const reason = oracleUnavailableReason();
  it.skipIf(reason !== undefined)(`the real xl accepts every variant${reason ? ` — skipped: ${reason}` : ""}`, () => {
    const dir = mkdtempSync(path.join(tmpdir(), "xlint-snippets-"));
    try {
      for (const [name, snippet] of entries) {
        for (const text of variants(snippet.body)) {
          const file = path.join(dir, "guest.cfg");
          writeFileSync(file, text);
          const run = spawnSync(oraclePath, ["check", "--deep", file], { encoding: "utf8", timeout: 60_000 });
          expect({ name, text, status: run.status, says: run.stderr.trim() }).toEqual({ name, text, status: 0, says: expect.any(String) });
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
