/**
 * `workspace/diagnostic`: the findings of every indexed config that is not
 * open (open documents are reported per document). Nothing is kept between
 * requests but what the client sends back: each file is read and linted
 * again, with the index's context, in slices that let other requests run;
 * only files with findings are reported (and files the client last saw with
 * findings, so they clear), and a file whose diagnostics hash to the result
 * id the client holds is reported unchanged.
 */
import path from "node:path";
import { readCandidate, type ConfigResolver } from "@xlint/files";
import { classifyConfigFile, type Diagnostic as Finding, type Rule } from "@xlint/linter";
import type { CancellationToken, Diagnostic, WorkspaceDocumentDiagnosticReport } from "vscode-languageserver";
import { lintTogether } from "./lint-open-documents";
import type { WorkspaceIndex } from "./workspace-index";
import { yieldToRequests } from "./yield-to-requests";

export interface WorkspaceReportRequest {
  readonly index: WorkspaceIndex;
  readonly resolver: ConfigResolver;
  readonly rules: readonly Rule[];
  /** Whether a file (by its shown path) is open: open documents are left to document pulls. */
  readonly isOpen: (shownPath: string) => boolean;
  readonly toDiagnostics: (findings: readonly Finding[], text: string) => Diagnostic[];
  /** uri → the result id the client holds. */
  readonly previous: ReadonlyMap<string, string>;
  readonly token: CancellationToken;
  readonly sliceMs?: number;
}

export async function workspaceReports(request: WorkspaceReportRequest): Promise<WorkspaceDocumentDiagnosticReport[]> {
  const reports: WorkspaceDocumentDiagnosticReport[] = [];
  const reported = new Set<string>();
  const sliceMs = request.sliceMs ?? 8;
  let sliceStart = performance.now();
  const files = [...request.index.files()];
  const pathByUri = new Map(files.map((f) => [f.uri, f.path]));
  for (const file of files) {
    if (performance.now() - sliceStart >= sliceMs) {
      await yieldToRequests();
      if (request.token.isCancellationRequested) return reports;
      sliceStart = performance.now();
    }
    if (request.isOpen(file.path)) continue;
    const items = diagnosticsOf(file.file, file.path, request);
    if (items === undefined) continue;
    reported.add(file.uri);
    const previous = request.previous.get(file.uri);
    if (items.length === 0 && previous === undefined) continue;
    const resultId = resultIdOf(items);
    reports.push(previous === resultId ? { kind: "unchanged", uri: file.uri, version: null, resultId } : { kind: "full", uri: file.uri, version: null, resultId, items });
  }
  // Files the client holds findings of that are no longer indexed (deleted, ignored now): cleared.
  for (const uri of request.previous.keys()) {
    const shown = pathByUri.get(uri);
    if (!reported.has(uri) && (shown === undefined || !request.isOpen(shown))) reports.push({ kind: "full", uri, version: null, resultId: resultIdOf([]), items: [] });
  }
  return reports;
}

/** The file's diagnostics as of its text on disk now; undefined when it cannot be read as a config any more. */
function diagnosticsOf(file: string, shownPath: string, request: WorkspaceReportRequest): Diagnostic[] | undefined {
  const read = readCandidate(file, true);
  if (read.kind !== "text") return undefined;
  const kind = classifyConfigFile(path.basename(file), read.text).kind;
  if (kind === undefined) return undefined;
  const config = request.resolver.forFile(file);
  const guestOs = request.resolver.guestOsFor(file);
  const input = { path: shownPath, text: read.text, encoding: read.encoding, severities: config.severities, host: config.host, kind, guestOs };
  const findings = lintTogether([input], request.rules, request.index.context)[0]?.diagnostics ?? [];
  return request.toDiagnostics(findings, read.text);
}

/** FNV-1a of the diagnostics' JSON: the same diagnostics, the same id, across requests and restarts. */
function resultIdOf(items: readonly Diagnostic[]): string {
  const text = JSON.stringify(items);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return `w${(hash >>> 0).toString(16)}:${items.length}`;
}
