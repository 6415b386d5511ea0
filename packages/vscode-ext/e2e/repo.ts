/**
 * What the end-to-end test takes from the repository: the packaged extension (packaged again
 * when its sources changed) and the `xlint` command, the oracle of what the editor must show.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { waitUntil } from "./workbench";

const HERE = fileURLToPath(new URL(".", import.meta.url));
export const REPO = resolve(HERE, "../../..");
const EXTENSION_DIR = resolve(HERE, "..");
const CLI = join(REPO, "packages", "cli-lint", "dist", "xlint.cjs");

export interface CliDiagnostic {
  readonly rule: string;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly related: readonly { readonly path: string; readonly line: number }[];
}

/** The command line's findings for a file of the workspace: what the editor must show too. */
export function cliFindings(workspace: string, file: string): CliDiagnostic[] {
  const result = spawnSync(process.execPath, [CLI, "--format", "json", workspace], { cwd: workspace, encoding: "utf8" });
  if (!result.stdout.startsWith("{")) throw new Error(`xlint --format json ${workspace} printed no report (exit ${result.status}): ${result.stderr}`);
  const report = JSON.parse(result.stdout) as { files: { path: string; diagnostics: CliDiagnostic[] }[] };
  return report.files.find((entry) => entry.path.endsWith(`/${file}`) || entry.path === file)?.diagnostics ?? [];
}

/** What `xlint fmt` makes of a text: the layout the editor's Format Document must give. */
export function cliFormat(text: string): string {
  const result = spawnSync(process.execPath, [CLI, "fmt", "-"], { input: text, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`xlint fmt - failed: ${result.stderr}`);
  return result.stdout;
}

function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed:\n${result.stdout}${result.stderr}`);
}

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** The newest change to the sources a bundle is built from (the CLI's or the extension's). */
function newestSource(extra: readonly string[]): number {
  return Math.max(
    ...["lsp/src", "linter/src", "parser/src", "files/src", ...extra].map((path) => join(REPO, "packages", path)).filter((path) => existsSync(path)).map(newestMtime),
  );
}

/** The command line is the oracle of what the editor shows, so it must be built from the same sources. */
export function buildCliIfStale(): void {
  if (existsSync(CLI) && statSync(CLI).mtimeMs >= newestSource(["cli-lint/src"])) return;
  run(process.execPath, [join(REPO, "packages", "cli-lint", "build.mjs")], REPO);
}

/**
 * The .vsix to install: $XLINT_E2E_VSIX if set, else packages/vscode-ext/xlint-VERSION.vsix,
 * packaged again (`npm run package`) when it is missing or older than the sources it bundles.
 */
export function extensionPackage(): string {
  if (process.env["XLINT_E2E_VSIX"]) return resolve(process.env["XLINT_E2E_VSIX"]);
  const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, "package.json"), "utf8")) as { version: string };
  const vsix = join(EXTENSION_DIR, `xlint-${manifest.version}.vsix`);
  if (!existsSync(vsix) || statSync(vsix).mtimeMs < newestSource(["vscode-ext/src", "vscode-ext/package.json", "vscode-ext/syntaxes", "vscode-ext/snippets"])) {
    run("npm", ["run", "package"], REPO);
  }
  if (!existsSync(vsix)) throw new Error(`npm run package did not write ${vsix}`);
  return vsix;
}

/** The file's text once it differs from `before` on disk (the save is written asynchronously). */
export async function savedText(file: string, before: string): Promise<string> {
  return waitUntil(`${file} to change on disk after the save`, () => {
    const text = readFileSync(file, "utf8");
    return text === before ? undefined : text;
  }, 10_000);
}
