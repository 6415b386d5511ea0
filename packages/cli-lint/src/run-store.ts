/**
 * What a lint run keeps of its files between their own pass and the report,
 * sized for 100,000 files: per file its path, its findings as one JSON text,
 * and its facts (one JSON text per project rule, let go once the project rules
 * ran). The project rules' findings, which a template copied to thousands of
 * guests multiplies, go to a spool file on disk as they are made, and come
 * back one file at a time when the report is written. So memory grows by a
 * few hundred bytes per file, whatever the findings.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ByteWriter } from "./byte-writer";
import { completeFile, runProjectRules, type Diagnostic, type FactsEntry, type FileFacts, type FileKind, type FilePass, type FileResult, type ProjectReport, type Rule, type RulePlan, type SeveritySetting } from "@xlint/linter";

interface FileRecord {
  readonly path: string;
  readonly kind: FileKind;
  readonly severities: ReadonlyMap<string, SeveritySetting> | undefined;
  /** Let go once the project rules ran. */
  facts: Readonly<Record<string, string>> | undefined;
  /** Diagnostic[] as JSON ("[]" for a clean file). */
  readonly diagnostics: string;
  readonly suppressed: number;
  readonly sourceLines: ReadonlyMap<number, string> | undefined;
  readonly deferred: FilePass["deferred"];
}

interface ContextRecord {
  readonly path: string;
  readonly kind: FileKind;
  readonly facts: Readonly<Record<string, string>>;
}

const NO_DIAGNOSTICS = "[]";

export class RunStore {
  /** By the file's place among the candidates; a hole where a candidate was skipped or unreadable. */
  private files: (FileRecord | undefined)[];
  private context: (ContextRecord | undefined)[];
  private readonly spool = new ReportSpool();

  constructor(
    private readonly plan: RulePlan,
    candidates: number,
    contextCandidates: number,
  ) {
    this.files = new Array<FileRecord | undefined>(candidates);
    this.context = new Array<ContextRecord | undefined>(contextCandidates);
  }

  /** Stores a linted file's pass at its place; passes may come in any order. */
  add(place: number, pass: FilePass, severities: ReadonlyMap<string, SeveritySetting> | undefined): void {
    this.files[place] = {
      path: pass.path,
      kind: pass.kind,
      severities,
      facts: pass.facts,
      diagnostics: pass.diagnostics.length === 0 ? NO_DIAGNOSTICS : JSON.stringify(pass.diagnostics),
      suppressed: pass.suppressed,
      sourceLines: pass.sourceLines,
      deferred: pass.deferred,
    };
  }

  addContext(place: number, facts: FileFacts): void {
    this.context[place] = { path: facts.path, kind: facts.kind, facts: facts.facts };
  }

  /** The path and kind of each linted file, in order (once every pass is in). */
  *list(): Iterable<{ readonly path: string; readonly kind: FileKind }> {
    for (const file of this.files) if (file) yield { path: file.path, kind: file.kind };
  }

  /** Runs the project rules (once every pass is in); their findings go to the spool, and the facts are let go. */
  runProjectRules(): void {
    const files = (this.files = this.files.filter((f): f is FileRecord => f !== undefined));
    const context = this.context.filter((c): c is ContextRecord => c !== undefined);
    function* entries(): Iterable<FactsEntry> {
      for (let index = 0; index < files.length; index++) {
        const file = files[index] as FileRecord;
        if (file.facts) yield { index, path: file.path, kind: file.kind, facts: file.facts, severities: file.severities };
      }
      for (const c of context) yield { index: -1, path: c.path, kind: c.kind, facts: c.facts };
    }
    runProjectRules(this.plan, entries, (index, rule, report) => this.spool.add(index, rule.id, report));
    for (const file of files) file.facts = undefined;
    this.context = [];
  }

  /**
   * Each file's findings, completed (project findings configured and
   * suppressed, unused suppressions reported), made anew at every call from
   * what the store keeps: a report may walk the files more than once.
   */
  *results(): Iterable<FileResult> {
    for (let i = 0; i < this.files.length; i++) {
      const file = this.files[i] as FileRecord;
      const diagnostics = JSON.parse(file.diagnostics) as Diagnostic[];
      const pass: FilePass = { path: file.path, kind: file.kind, facts: {}, diagnostics, suppressed: file.suppressed, sourceLines: file.sourceLines as Map<number, string> | undefined, deferred: file.deferred };
      const project = this.spool.read(i).map(({ rule, report }) => ({ rule: this.ruleById(rule), report }));
      const done = completeFile(pass, file.severities, project, this.plan);
      yield { path: file.path, kind: file.kind, diagnostics: done.diagnostics, suppressed: done.suppressed, sourceLines: file.sourceLines };
    }
  }

  /** Removes the spool file. */
  dispose(): void {
    this.spool.dispose();
  }

  private ruleById(id: string): Rule {
    return this.plan.projectRules.find((r) => r.id === id) as Rule;
  }
}

/**
 * Project findings on disk, one JSON line each, with where each file's lines
 * are. Nothing is created until the first finding: most runs have few.
 */
class ReportSpool {
  private folder: string | undefined;
  private fd: number | undefined;
  private writer: ByteWriter | undefined;
  /** Per finding: where it is, its length, and the next finding of the same file (-1: none). */
  private readonly offsets: number[] = [];
  private readonly lengths: number[] = [];
  private readonly next: number[] = [];
  /** Per file index: its first and last finding. */
  private readonly first = new Map<number, number>();
  private readonly last = new Map<number, number>();
  private buffer = Buffer.alloc(0);

  add(index: number, rule: string, report: ProjectReport): void {
    if (this.writer === undefined) {
      this.folder = mkdtempSync(path.join(tmpdir(), "xlint-run-"));
      this.fd = openSync(path.join(this.folder, "project-findings.jsonl"), "w+", 0o600);
      this.writer = new ByteWriter(this.fd);
    }
    const offset = this.writer.position;
    const length = this.writer.write(`${JSON.stringify({ rule, report })}\n`);
    const id = this.offsets.length;
    this.offsets.push(offset);
    this.lengths.push(length);
    this.next.push(-1);
    const last = this.last.get(index);
    if (last === undefined) this.first.set(index, id);
    else this.next[last] = id;
    this.last.set(index, id);
  }

  read(index: number): { rule: string; report: ProjectReport }[] {
    const out: { rule: string; report: ProjectReport }[] = [];
    const first = this.first.get(index);
    if (first === undefined) return out;
    this.writer?.flush();
    for (let id = first; id >= 0; id = this.next[id] as number) {
      const length = this.lengths[id] as number;
      if (this.buffer.length < length) this.buffer = Buffer.alloc(Math.max(length, 2 * this.buffer.length, 4096));
      for (let at = 0; at < length; ) at += readSync(this.fd as number, this.buffer, at, length - at, (this.offsets[id] as number) + at);
      out.push(JSON.parse(this.buffer.toString("utf8", 0, length)) as { rule: string; report: ProjectReport });
    }
    return out;
  }

  dispose(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    if (this.folder !== undefined) rmSync(this.folder, { recursive: true, force: true });
    this.fd = undefined;
    this.writer = undefined;
    this.folder = undefined;
  }
}
