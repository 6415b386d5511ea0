/**
 * Drives the VS Code workbench that code-server serves, in Debian's chromium through
 * playwright-core, the way a user would: keyboard shortcuts, Quick Open, the command palette.
 * Every wait has a timeout and says what it waited for.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import { CHROMIUM } from "./setup-code-server.mjs";

/** Flags that keep chromium off the network and quiet on a headless CI machine. */
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-default-apps",
  "--disable-extensions",
  "--no-first-run",
  "--no-default-browser-check",
];

const DEFAULT_TIMEOUT_MS = 20_000;

export interface Problem {
  /** The row's text as shown (message, source and rule, position). */
  readonly text: string;
  /** The row's accessible label (severity, message, position, file). */
  readonly label: string;
}

async function waitVisible(locator: Locator, what: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
  try {
    await locator.first().waitFor({ state: "visible", timeout: timeoutMs });
  } catch {
    throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
  }
}

/** Polls `check` until it returns a value other than undefined. */
export async function waitUntil<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

export class Workbench {
  private constructor(
    private readonly browser: Browser,
    readonly page: Page,
    private readonly resultsDir: string,
  ) {}

  /** Launches chromium (a fresh profile each time) and opens the workbench at `url`. */
  static async open(url: string, resultsDir: string): Promise<Workbench> {
    mkdirSync(resultsDir, { recursive: true });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, timeout: 60_000 });
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const workbench = new Workbench(browser, page, resultsDir);
      await page.goto(url, { timeout: 60_000 });
      await waitVisible(page.locator(".monaco-workbench"), "the VS Code workbench (.monaco-workbench) to load", 60_000);
      await waitVisible(page.locator(".explorer-folders-view .monaco-list-row"), "the Explorer to list the fixture folder", 60_000);
      return workbench;
    } catch (error) {
      await browser.close();
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
  }

  async screenshot(name: string): Promise<string> {
    const file = join(this.resultsDir, name.endsWith(".png") ? name : `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Escape twice: closes any widget (hover, suggest, quick input) and leaves focus where it was. */
  async dismiss(): Promise<void> {
    await this.page.keyboard.press("Escape");
    await this.page.keyboard.press("Escape");
  }

  /** Runs a command from the palette by its exact label (e.g. "Format Document"). */
  async runCommand(label: string): Promise<void> {
    await this.page.keyboard.press("F1");
    const input = this.page.locator(".quick-input-widget input");
    await waitVisible(input, "the command palette");
    await input.fill(`>${label}`);
    const row = this.page.locator(".quick-input-list .monaco-list-row", {
      has: this.page.locator(".label-name", { hasText: new RegExp(`^${escapeRegExp(label)}$`) }),
    });
    try {
      await waitVisible(row, `the command "${label}" in the command palette`);
    } catch (error) {
      const offered = await this.page.locator(".quick-input-list .monaco-list-row .label-name").allInnerTexts();
      await this.page.keyboard.press("Escape");
      throw new Error(`${error instanceof Error ? error.message : String(error)} (offered: ${JSON.stringify(offered)})`);
    }
    // Keys rather than a click: the list is keyboard-driven and a click can land on a row that moves.
    const focused = this.page.locator(".quick-input-list .monaco-list-row.focused .label-name");
    let onIt = false;
    for (let step = 0; step < 20 && !onIt; step++) {
      onIt = (await focused.first().innerText({ timeout: 5000 }).catch(() => "")).trim() === label;
      if (!onIt) await this.page.keyboard.press("ArrowDown");
    }
    if (!onIt) {
      await this.page.keyboard.press("Escape");
      throw new Error(`could not move the command palette's selection to "${label}"`);
    }
    await this.page.keyboard.press("Enter");
    await waitUntil(`the command palette to close after "${label}"`, async () => ((await input.isVisible()) ? undefined : true));
  }

  /** Opens a workspace file by name through Quick Open (Ctrl+P) and waits for its editor. */
  async openFile(name: string): Promise<void> {
    await this.page.keyboard.press("Control+P");
    const input = this.page.locator(".quick-input-widget input");
    await waitVisible(input, "Quick Open");
    await input.fill(name);
    const row = this.page.locator(".quick-input-list .monaco-list-row", { has: this.page.locator(".label-name", { hasText: name }) });
    await waitVisible(row, `"${name}" in the Quick Open list`);
    await this.page.keyboard.press("Enter");
    await waitVisible(this.page.locator(`.tab.active[data-resource-name="${name}"]`), `the editor tab of ${name}`);
    await waitVisible(this.page.locator(".editor-instance .monaco-editor .view-lines"), `the text of ${name} in the editor`);
  }

  /** Waits until the active editor shows a squiggle (any severity). */
  async waitForSquiggles(timeoutMs = 30_000): Promise<void> {
    await waitVisible(
      this.page.locator(".squiggly-error, .squiggly-warning, .squiggly-info"),
      "diagnostics in the editor (squiggles from the language server)",
      timeoutMs,
    );
  }

  /** Opens the Problems panel and returns its rows (files, diagnostics and related places) once `ready` accepts them. */
  async problems(ready: (rows: Problem[]) => boolean = (rows) => rows.length > 0, timeoutMs = 30_000): Promise<Problem[]> {
    await this.runCommand("Problems: Focus on Problems View");
    const rows = this.page.locator(".markers-panel .monaco-list-row");
    await waitVisible(this.page.locator(".markers-panel"), "the Problems panel");
    return waitUntil(
      "the Problems panel to show the expected rows",
      async () => {
        const found: Problem[] = [];
        for (const row of await rows.all()) {
          found.push({ text: (await row.innerText()).replace(/\s+/g, " ").trim(), label: (await row.getAttribute("aria-label")) ?? "" });
        }
        return ready(found) ? found : undefined;
      },
      timeoutMs,
    ).catch(async (error: unknown) => {
      const shown = await rows.allInnerTexts();
      throw new Error(`${error instanceof Error ? error.message : String(error)}; rows shown: ${JSON.stringify(shown)}`);
    });
  }

  /** Focuses the editor of the active file (after a panel took the focus). */
  async focusEditor(): Promise<void> {
    await this.runCommand("View: Focus Active Editor Group");
  }

  /** Moves the cursor with Go to Line (Ctrl+G); line and column are 1-based, as in the status bar. */
  async goTo(line: number, column: number): Promise<void> {
    await this.page.keyboard.press("Control+G");
    const input = this.page.locator(".quick-input-widget input");
    await waitVisible(input, "the Go to Line box");
    // The box opens holding ":", the prefix of Go to Line; fill() replaces it, so write it again.
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press("Enter");
    await waitUntil(`the status bar to show Ln ${line}, Col ${column}`, async () => {
      const text = await this.page.locator("#status\\.editor\\.selection").innerText().catch(() => "");
      return text.includes(`Ln ${line}, Col ${column}`) ? true : undefined;
    });
  }

  /** Shows the hover at the cursor ("Show or Focus Hover") and returns its text. */
  async hover(expect: (text: string) => boolean = (text) => text.length > 0): Promise<string> {
    await this.runCommand("Show or Focus Hover");
    const hover = this.page.locator(".monaco-editor .monaco-hover:not(.hidden)");
    await waitVisible(hover, "the hover");
    return waitUntil("the hover to show the expected text", async () => {
      const text = (await hover.first().innerText()).trim();
      return expect(text) ? text : undefined;
    }).catch(async (error: unknown) => {
      throw new Error(`${error instanceof Error ? error.message : String(error)}; hover shown: ${JSON.stringify(await hover.first().innerText())}`);
    });
  }

  /** Triggers completion (Ctrl+Space) at the cursor and returns the labels of the rows shown. */
  async completions(): Promise<string[]> {
    await this.page.keyboard.press("Control+Space");
    const rows = this.page.locator(".suggest-widget.visible .monaco-list-row");
    await waitVisible(rows, "the completion list (.suggest-widget)");
    return (await rows.locator(".label-name").allInnerTexts()).map((label) => label.trim());
  }

  /** Types text at the cursor, as keystrokes. */
  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }

  /**
   * Opens the quick fixes at the cursor (Ctrl+.) and applies the first whose label contains
   * `label`. It walks the menu with the arrow keys, because the menu's pointer guard swallows
   * clicks that arrive as fast as playwright sends them.
   */
  async quickFix(label: string): Promise<void> {
    await this.page.keyboard.press("Control+.");
    const actions = this.page.locator(".action-widget .monaco-list-row.action");
    await waitVisible(actions, "the quick fix menu (.action-widget)");
    const offered = (await actions.allInnerTexts()).map((text) => text.trim());
    const index = offered.findIndex((text) => text.includes(label));
    if (index < 0) {
      await this.page.keyboard.press("Escape");
      throw new Error(`no quick fix "${label}" at the cursor (offered: ${JSON.stringify(offered)})`);
    }
    const focused = this.page.locator(".action-widget .monaco-list-row.action.focused");
    for (let step = 0; step < offered.length; step++) {
      const text = await focused.first().innerText({ timeout: 5000 }).catch(() => "");
      if (text.trim() === offered[index]) break;
      await this.page.keyboard.press("ArrowDown");
    }
    await this.page.keyboard.press("Enter");
    await waitUntil("the quick fix menu to close", async () => ((await actions.first().isVisible()) ? undefined : true));
  }

  /**
   * Waits until the active editor has unsaved changes: edits from the language server (a quick
   * fix, formatting) arrive asynchronously, and a save before they land writes the old text.
   */
  async waitForEdit(what: string): Promise<void> {
    await waitVisible(this.page.locator(".tab.active.dirty"), `${what} to change the file (its tab to turn dirty)`);
  }

  /** Saves the active editor (Ctrl+S) and waits until its tab is no longer dirty. */
  async save(): Promise<void> {
    await this.page.keyboard.press("Control+S");
    await waitUntil("the active editor to be saved (its tab not dirty)", async () =>
      (await this.page.locator(".tab.active.dirty").count()) === 0 ? true : undefined,
    );
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
