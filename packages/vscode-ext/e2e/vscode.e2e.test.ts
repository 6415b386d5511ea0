/**
 * The extension in a real VS Code: code-server 4.100.3 (VS Code 1.100.3) with the packaged .vsix
 * installed, driven in Debian's chromium through playwright-core as a user would drive it.
 * Run with `npx vitest run -c vitest.e2e.config.ts` (see that file). Screenshots, the extension
 * host log and the results go to .cache/e2e/.
 *
 * The fixture folder is copied to a temp dir, so the test's edits never touch the repository.
 * web1.cfg is opened; db1.cfg never is, yet its vif has web1's MAC, so the cross-file rule must
 * report it from the server's workspace index.
 *
 * Without code-server's prerequisites (chromium, rg, a compiler, the Kerberos headers) the tests
 * skip with one line saying what to install; under XLINT_REQUIRE_E2E=1 (CI) they fail instead.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { optionByKey } from "@xlint/linter";
import { activationFailures, startCodeServer, type CodeServer } from "./code-server";
import { buildCliIfStale, cliFindings, cliFormat, extensionPackage, REPO, savedText } from "./repo";
import { ensureCodeServer, missingPrerequisites } from "./setup-code-server.mjs";
import { Workbench, type Problem } from "./workbench";

const HERE = fileURLToPath(new URL(".", import.meta.url));
const FIXTURE = join(HERE, "fixture");
const RESULTS = join(REPO, ".cache", "e2e");

/** Why the end-to-end test cannot run here, or undefined when it can. */
function whyNotRunnable(): string | undefined {
  const missing = missingPrerequisites();
  return missing.length > 0 ? missing.join("; ") : undefined;
}

function describeE2e(title: string, body: () => void): void {
  const missing = whyNotRunnable();
  if (missing === undefined) {
    describe(title, body);
  } else if (process.env["XLINT_REQUIRE_E2E"] !== "1") {
    console.warn(`${title}: skipped, ${missing}`);
    describe.skip(title, body);
  } else {
    describe(title, () => {
      it("has code-server and chromium", () => {
        throw new Error(`XLINT_REQUIRE_E2E=1 and ${missing}`);
      });
    });
  }
}

/** The text of `locator` once `ok` accepts it (polled for up to 20 s), with Monaco's no-break spaces made plain. */
async function waitForText(locator: Locator, ok: (text: string) => boolean, what: string): Promise<string> {
  const deadline = Date.now() + 20_000;
  let last = "";
  while (Date.now() < deadline) {
    last = (await locator.innerText({ timeout: 2000 }).catch(() => "")).replace(/\u00a0/g, " ");
    if (ok(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}; last text: ${JSON.stringify(last.slice(0, 300))}`);
}

/** Waits until some frame of the page (webviews are nested frames) shows `text`. */
async function waitForFrameText(page: Page, text: string, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const body = await frame.locator("body").innerText({ timeout: 1000 }).catch(() => "");
      if (body.includes(text)) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The rows of one file's diagnostics in the Problems panel, in order (its header row left out). */
function rowsOfFile(rows: Problem[], file: string): Problem[] {
  // A file's header row is labelled "N problems in file NAME of folder ...".
  const isHeader = (row: Problem): boolean => / in file \S+ of folder /.test(row.label);
  const start = rows.findIndex((row) => isHeader(row) && row.label.includes(` in file ${file} `));
  if (start < 0) return [];
  const end = rows.findIndex((row, index) => index > start && isHeader(row));
  return rows.slice(start + 1, end < 0 ? undefined : end);
}

describeE2e("the xlint extension in VS Code (code-server + chromium)", () => {
  let workspace = "";
  let server: CodeServer | undefined;
  let workbench: Workbench | undefined;
  const timings: Record<string, number> = {};

  /**
   * Copies the extension host's log and code-server's output into the results (code-server's own
   * directory goes when it stops) and returns the copy of the log, if there is one.
   */
  function keepLogs(): string | undefined {
    if (!server) return undefined;
    writeFileSync(join(RESULTS, "code-server.log"), server.output());
    const log = server.exthostLog();
    if (!log || !existsSync(log)) return undefined;
    copyFileSync(log, join(RESULTS, "exthost.log"));
    return join(RESULTS, "exthost.log");
  }

  /** Runs a step; on failure saves a screenshot and names the extension host log in the error. */
  async function step<T>(name: string, body: (workbench: Workbench) => Promise<T>): Promise<T> {
    if (!workbench) throw new Error(`the workbench did not start, so "${name}" cannot run`);
    // An extension that failed to activate fails every step: say so at once rather than time out.
    const failedEarlier = activationFailures(server?.exthostLog());
    if (failedEarlier.length > 0) throw new Error(`${name}: not run, the extension host reported:\n    ${failedEarlier.join("\n    ")}\n  log: ${keepLogs() ?? "(none)"}`);
    const started = Date.now();
    try {
      return await body(workbench);
    } catch (error) {
      const shot = await workbench.screenshot(`failure-${name}`).catch(() => "(no screenshot)");
      const log = keepLogs();
      const failures = activationFailures(log);
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(
        `${name}: ${message}\n  screenshot: ${shot}\n  extension host log: ${log ?? "(none written)"}\n  code-server log: ${join(RESULTS, "code-server.log")}` +
          (failures.length > 0 ? `\n  its errors:\n    ${failures.join("\n    ")}` : ""),
        { cause: error },
      );
    } finally {
      timings[name] = (Date.now() - started) / 1000;
    }
  }

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    // Failure screenshots of an earlier run would read as this run's.
    for (const name of readdirSync(RESULTS)) if (name.startsWith("failure-")) rmSync(join(RESULTS, name));
    let started = Date.now();
    const { entry } = ensureCodeServer({ log: (line) => console.log(`setup-code-server: ${line}`) });
    timings["code-server install (cached when fast)"] = (Date.now() - started) / 1000;
    started = Date.now();
    const vsix = extensionPackage();
    buildCliIfStale();
    timings["extension package"] = (Date.now() - started) / 1000;

    // The folder's name shows in the window title and the Explorer (and the README's screenshot).
    workspace = join(mkdtempSync(join(tmpdir(), "e2e-workspace-")), "xen");
    cpSync(FIXTURE, workspace, { recursive: true });
    started = Date.now();
    server = await startCodeServer({ entry, folder: workspace, vsix });
    timings["code-server start"] = (Date.now() - started) / 1000;
    started = Date.now();
    try {
      workbench = await Workbench.open(server.url, RESULTS);
    } catch (error) {
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n  code-server said:\n${server.output().slice(-2000)}`, { cause: error });
    }
    timings["workbench load"] = (Date.now() - started) / 1000;
  });

  afterAll(async () => {
    keepLogs();
    await workbench?.close().catch(() => {});
    await server?.stop();
    if (workspace) rmSync(dirname(workspace), { recursive: true, force: true });
    console.log(`e2e timings (s): ${JSON.stringify(timings)}`);
  });

  it("recognises web1.cfg as an xl config and shows its problems, including the MAC db1.cfg also uses", async () => {
    const expected = cliFindings(workspace, "web1.cfg");
    // The fixture is made so that all three kinds show: a fixable warning, a fixable info, a cross-file error.
    expect(expected.map((finding) => finding.rule).sort()).toEqual(["disk-deprecated-prefix", "duplicate-mac", "type-prefix"]);

    const rows = await step("problems", async (wb) => {
      await wb.openFile("web1.cfg");
      await wb.waitForSquiggles();
      const language = await wb.page.locator("#status\\.editor\\.mode").innerText();
      expect(language).toContain("Xen xl config");
      return wb.problems((shown) => expected.every((finding) => shown.some((row) => row.text.includes(finding.message))));
    });

    const web1Rows = rowsOfFile(rows, "web1.cfg");
    for (const finding of expected) {
      const row = web1Rows.find((candidate) => candidate.text.includes(finding.message));
      expect(row, `a Problems row for ${finding.rule}: ${finding.message}`).toBeDefined();
      // Shown as "xlint(rule)"; the parentheses are drawn by CSS, so the text has "xlint rule".
      expect(row?.text).toMatch(new RegExp(`\\bxlint\\s*\\(?${finding.rule}\\)?\\s`));
      expect(row?.text).toContain(`[Ln ${finding.line}, Col ${finding.column}]`);
    }
    // The related place of the duplicate MAC: the unopened db1.cfg, at its vif.
    const duplicate = expected.find((finding) => finding.rule === "duplicate-mac");
    const other = duplicate?.related[0];
    expect(other?.path).toMatch(/db1\.cfg$/);
    expect(web1Rows.some((row) => row.text.includes("db1.cfg") && row.text.includes(`[Ln ${other?.line}`))).toBe(true);

    await step("screenshot", async (wb) => {
      await wb.focusEditor();
      await wb.screenshot("screenshot-problems.png");
    });
  });

  it("shows the catalog's documentation when hovering a key", async () => {
    const doc = optionByKey("memory")?.doc ?? "";
    const firstSentence = doc.slice(0, doc.indexOf(".") + 1);
    expect(firstSentence.length).toBeGreaterThan(10);
    const text = await step("hover", async (wb) => {
      await wb.focusEditor();
      await wb.goTo(4, 2); // inside `memory=512`
      const shown = await wb.hover((hover) => hover.includes(firstSentence));
      await wb.screenshot("hover");
      await wb.dismiss();
      return shown;
    });
    expect(text).toContain("memory");
    expect(text).toContain(firstSentence);
  });

  it("completes keys on a new line", async () => {
    const labels = await step("completion", async (wb) => {
      await wb.focusEditor();
      await wb.goTo(8, 1); // the empty line after the last setting
      await wb.type("maxv");
      const shown = await wb.completions();
      await wb.screenshot("completion");
      await wb.dismiss();
      // Leave the file as it is on disk for the next tests.
      await wb.runCommand("File: Revert File");
      return shown;
    });
    expect(labels).toContain("maxvcpus");
    expect(labels.every((label) => optionByKey(label) !== undefined)).toBe(true);
  });

  it("names the guest type xl builds in the status bar", async () => {
    const text = await step("status-bar", async (wb) => {
      await wb.focusEditor();
      const bar = wb.page.locator("#workbench\\.parts\\.statusbar");
      // `type = "h"` is a prefix xl completes to hvm (the type-prefix finding says so).
      return waitForText(bar, (shown) => shown.includes("xl: HVM"), "the status bar to name the guest type");
    });
    expect(text).toContain("xl: HVM");
  });

  it("explains the rule of the finding at the cursor, offline", async () => {
    const tab = await step("explain-rule", async (wb) => {
      await wb.focusEditor();
      await wb.goTo(3, 9); // the type-prefix finding on `type = "h"`
      await wb.runCommand("xlint: Explain the Rule at the Cursor");
      const preview = wb.page.locator(".tab", { hasText: "type-prefix" });
      const label = await waitForText(preview.first(), (shown) => shown.includes("type-prefix"), "the rule's page to open");
      // The Markdown preview renders in nested webview frames: the page's own sentence must show there.
      await waitForFrameText(wb.page, "is a shortened name", "the rendered page of type-prefix in the Markdown preview");
      await wb.screenshot("explain-rule");
      await wb.runCommand("View: Close All Editor Groups");
      await wb.openFile("web1.cfg");
      return label;
    });
    expect(tab).toContain("type-prefix");
  });

  it("shows the settings xl reads, beside the editor", async () => {
    const text = await step("settings-xl-reads", async (wb) => {
      await wb.focusEditor();
      await wb.runCommand("xlint: Show the Settings xl Reads");
      await waitForText(wb.page.locator(".tab", { hasText: "web1.cfg.jsonc" }).first(), (shown) => shown.includes("web1.cfg.jsonc"), "the side editor of the settings");
      const lines = wb.page.locator(".editor-instance .monaco-editor .view-lines").last();
      const shown = await waitForText(lines, (t) => t.includes("guest type"), "the settings xl reads in the side editor");
      await wb.screenshot("settings-xl-reads");
      await wb.runCommand("View: Close All Editor Groups");
      await wb.openFile("web1.cfg");
      return shown;
    });
    expect(text).toContain("The settings xl reads from web1.cfg");
    expect(text).toMatch(/guest type: hvm/);
    expect(text).toContain('"web1"');
  });

  it("applies a quick fix, and the saved file has it", async () => {
    const before = readFileSync(join(workspace, "web1.cfg"), "utf8");
    await step("quick-fix", async (wb) => {
      await wb.focusEditor();
      await wb.goTo(3, 9); // inside "h" of `type = "h"`
      await wb.quickFix("hvm");
      await wb.waitForEdit("the quick fix");
      await wb.save();
    });
    const after = await savedText(join(workspace, "web1.cfg"), before);
    expect(after).toBe(before.replace('type = "h"', 'type = "hvm"'));
    expect(after).not.toBe(before);
  });

  it("formats the document as `xlint fmt` does, and the saved file has the new layout", async () => {
    const before = readFileSync(join(workspace, "web1.cfg"), "utf8");
    const expected = cliFormat(before);
    expect(expected).not.toBe(before);
    await step("format", async (wb) => {
      await wb.focusEditor();
      await wb.runCommand("Format Document");
      await wb.waitForEdit("Format Document");
      await wb.save();
    });
    const after = await savedText(join(workspace, "web1.cfg"), before);
    expect(after).toBe(expected);
    expect(after).toContain("\nmemory = 512\n");
  });

  it("activated without errors in the extension host", () => {
    const log = server?.exthostLog();
    expect(log, "the extension host log").toBeDefined();
    const text = readFileSync(log ?? "", "utf8");
    expect(text).toMatch(/ExtensionService#_doActivateExtension xlint\./);
    expect(activationFailures(log)).toEqual([]);
  });
});
