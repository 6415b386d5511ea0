/**
 * A finding's help through the command: linted in one thread or in worker
 * threads, from a file rule or from a project rule (whose findings the run
 * keeps in its spool on disk), it reaches the JSON report exactly as the
 * linter gave it; stylish prints it under the finding, gcc leaves it out.
 */
import { allRules, lintFiles, type Diagnostic } from "@xlint/linter";
import { afterAll, describe, expect, it } from "vitest";
import type { JsonReport } from "../src/report";
import { Scratch } from "./run-xlint";

const scratch = new Scratch();
afterAll(() => scratch.dispose());

const guest = (name: string, extra: string): string => `name = "${name}"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nvcpus = 1\n${extra}`;
const FILES: Record<string, string> = {
  // quoted-number (a file rule) and duplicate-mac (a project rule) in both files.
  "a.cfg": guest("a", 'memory = "512"\nvif = [ "mac=00:16:3e:00:00:01,bridge=xenbr0" ]\n'),
  "b.cfg": guest("b", 'memory = "256"\nvif = [ "mac=00:16:3e:00:00:01,bridge=xenbr0" ]\n'),
};
for (const [name, text] of Object.entries(FILES)) scratch.write(name, text);

/** rule and 1-based line → help, as the linter gives it in process. */
function expectedHelps(): Map<string, string | undefined> {
  const results = lintFiles(
    Object.entries(FILES).map(([path, text]) => ({ path, text })),
    { rules: allRules },
  );
  return new Map(results.flatMap((r) => r.diagnostics.map((d: Diagnostic) => [`${r.path}:${d.range.start.line + 1}:${d.rule}`, d.help] as const)));
}

describe("help through the command", () => {
  const expected = expectedHelps();

  it("has findings with a help from a file rule and from a project rule", () => {
    const keys = [...expected].filter(([, help]) => help !== undefined).map(([key]) => key.split(":")[2]);
    expect(keys).toContain("quoted-number");
    expect(keys).toContain("duplicate-mac");
  });

  it.each([["1"], ["2"]])("with --jobs %s, JSON carries each finding's help as the linter gave it", (jobs) => {
    const run = scratch.run(["--jobs", jobs, "--format", "json", "a.cfg", "b.cfg"]);
    const report = JSON.parse(run.stdout) as JsonReport;
    const got = new Map(report.files.flatMap((f) => f.diagnostics.map((d) => [`${f.path}:${d.line}:${d.rule}`, d.help] as const)));
    expect(got).toEqual(expected);
  });

  it("stylish prints the help under its finding; gcc prints the message only", () => {
    const helps = [...expected.values()].filter((h): h is string => h !== undefined);
    const stylish = scratch.run(["--format", "stylish", "--no-color", "a.cfg", "b.cfg"]).stdout;
    for (const help of helps) expect(stylish).toContain(`= help: ${help}`);
    const gcc = scratch.run(["--format", "gcc", "a.cfg", "b.cfg"]).stdout;
    for (const help of helps) expect(gcc).not.toContain(help);
  });
});
