/**
 * What the language features read of one document: its parse, its settings as
 * xl stores them, its kind and the guest type xl would build. Computed from the
 * text alone (no host profile yet: the defaults of the linter), cheap enough to
 * redo per request on files of a few hundred lines; the server caches it per
 * document version.
 */
import { DEFAULT_HOST, detectConfigKind, resolveGuestType, type FileKind, type GuestTypeInfo } from "@xlint/linter";
import { evaluate, parse, type Assignment, type Evaluation, type ParseResult } from "@xlint/parser";

export interface DocumentAnalysis {
  readonly text: string;
  readonly kind: FileKind;
  readonly parse: ParseResult;
  readonly evaluation: Evaluation;
  readonly guest: GuestTypeInfo;
}

/** `fileName` decides the kind as the CLI does for a file named on its command line: a domain config unless it is clearly something else. */
export function analyzeDocument(text: string, fileName: string): DocumentAnalysis {
  const parsed = parse(text);
  return analysisOfParsed(text, fileName, parsed, evaluate(parsed.file));
}

/** The analysis of a text already parsed and evaluated (the workspace index parses each file once for its facts and its symbols). */
export function analysisOfParsed(text: string, fileName: string, parsed: ParseResult, evaluation: Evaluation): DocumentAnalysis {
  const guest = resolveGuestType((key) => evaluation.settings.get(key), DEFAULT_HOST);
  return { text, kind: documentKind(fileName, text), parse: parsed, evaluation, guest };
}

/** A document an editor opens is linted whatever its name, like a file named to the CLI. */
export function documentKind(fileName: string, text: string): FileKind {
  return detectConfigKind(fileName, text) ?? "domain";
}

/** The assignments of the file, in order. */
export function assignmentsOf(analysis: DocumentAnalysis): Assignment[] {
  return analysis.parse.file.statements.filter((s): s is Assignment => s.kind === "assignment");
}

/** The assignment whose key covers `offset` (its end included, where a cursor after the last letter sits). */
export function assignmentAtKey(analysis: DocumentAnalysis, offset: number): Assignment | undefined {
  return assignmentsOf(analysis).find((a) => a.key.range.start.offset <= offset && offset <= a.key.range.end.offset);
}

/** The assignment whose value side (after the operator) holds `offset`. */
export function assignmentAtValue(analysis: DocumentAnalysis, offset: number): Assignment | undefined {
  return assignmentsOf(analysis).find((a) => a.operatorRange.end.offset <= offset && offset <= a.range.end.offset);
}
