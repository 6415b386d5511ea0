/**
 * SARIF 2.1.0, as GitHub code scanning reads it (upload it with
 * github/codeql-action/upload-sarif). One run; `tool.driver.rules` lists the
 * rules that have a result, not all of them: GitHub needs a descriptor only
 * for the rules results refer to, and the whole catalog, with its
 * descriptions, would put some hundred kilobytes into every upload, a clean
 * one included. Descriptors are sorted by id so that `ruleIndex` is stable
 * for a given set of rules.
 *
 * Paths are relative URIs against `%SRCROOT%` (the checkout, for GitHub);
 * regions are 1-based in UTF-16 code units (`columnKind`), ends exclusive.
 * `partialFingerprints` let GitHub follow one finding across runs while lines
 * move: a hash of file, rule and message, numbered when one file has several
 * identical findings. A result's `message.text` is the short message; its help,
 * when there is one, is in `message.markdown` after it.
 */
import { ruleById, type Diagnostic, type PlacedFix, type RelatedLocation, type Severity } from "@xlint/linter";
import type { Range } from "@xlint/parser";
import type * as Sarif from "sarif";
import { indented } from "./json";
import { oneBased, type OneBasedRange } from "./positions";
import { shownDiagnostics } from "./summary";
import type { FormatOptions, Formatter } from "./types";

const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
/** The partialFingerprints key; bump its version if the hash input ever changes. */
const FINGERPRINT_KEY = "xlint/v1";

const LEVELS: Record<Severity, Sarif.Result.level> = { error: "error", warning: "warning", info: "note" };

/** Marks where the results go in the skeleton, so they can be written one file at a time. */
const RESULTS_SLOT = "\u0000results\u0000";

export const formatSarif: Formatter = (report, options, write) => {
  // A first walk over the files for the rules that have results: their descriptors come before the results.
  const used = new Set<string>();
  for (const file of report.files) for (const d of shownDiagnostics(file, options.quiet)) used.add(d.rule);
  const ruleIds = [...used].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const skeleton: Sarif.Log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: { name: "xlint", version: options.version, rules: ruleIds.map((id) => descriptor(id, options)) },
        },
        columnKind: "utf16CodeUnits",
        results: RESULTS_SLOT as unknown as Sarif.Result[],
      },
    ],
  };
  // Byte for byte what stringifying the whole log would print: results sit 8 spaces in, their bracket 6.
  const [head, tail] = (JSON.stringify(skeleton, null, 2) + "\n").split(JSON.stringify(RESULTS_SLOT)) as [string, string];
  write(`${head}[`);
  let any = false;
  for (const file of report.files) {
    const fingerprints = new FingerprintCounter();
    const results = shownDiagnostics(file, options.quiet).map((d) => result(file.path, d, ruleIndex.get(d.rule) as number, fingerprints.next(file.path, d), options));
    if (results.length === 0) continue;
    write(results.map((r, i) => `${any || i > 0 ? ",\n" : "\n"}${indented(JSON.stringify(r, null, 2), "        ")}`).join(""));
    any = true;
  }
  write(any ? `\n      ]${tail}` : `]${tail}`);
};

function descriptor(id: string, options: FormatOptions): Sarif.ReportingDescriptor {
  const helpUri = options.docsUrl(id);
  const rule = ruleById(id);
  if (!rule) return { id, name: pascalCase(id), shortDescription: { text: id }, helpUri };
  const description = rule.docs.description;
  return {
    id,
    name: pascalCase(id),
    shortDescription: { text: rule.summary },
    // The description once in plain text (shown atop an alert) and once as Markdown in `help`; help's
    // plain form, for viewers without Markdown, is just the link, as fullDescription already has the words.
    fullDescription: { text: unwrap(description) },
    help: { text: `Documentation: ${helpUri}`, markdown: `${description}\n\n[Documentation](${helpUri})` },
    helpUri,
    defaultConfiguration: { level: LEVELS[rule.severity] },
    properties: { category: rule.category, fixable: rule.fixable, tags: [rule.category] },
  };
}

function result(path: string, d: Diagnostic, ruleIndex: number, fingerprint: string, options: FormatOptions): Sarif.Result {
  const out: Sarif.Result = {
    ruleId: d.rule,
    ruleIndex,
    level: LEVELS[d.severity],
    message: resultMessage(d),
    locations: [location(path, d.range)],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint },
  };
  if (d.related.length > 0) out.relatedLocations = d.related.map((r, i) => relatedLocation(r, i, options));
  if (d.fix && d.fix.edits.length > 0) out.fixes = [sarifFix(path, d.fix)];
  return out;
}

/**
 * The short message as `text`, the line a viewer lists; with a help, `markdown`
 * adds it as a second paragraph (SARIF 2.1.0's message object: a viewer that
 * renders Markdown shows `markdown` instead of `text`; one that does not keeps
 * the short line, and `text` must always be there).
 */
function resultMessage(d: Diagnostic): Sarif.Message {
  if (d.help === undefined) return { text: d.message };
  return { text: d.message, markdown: `${markdownText(d.message)}\n\n${markdownText(d.help)}` };
}

/** Plain text as Markdown: the `code spans` our messages quote values in stay, other Markdown syntax is escaped. */
function markdownText(text: string): string {
  return text
    .split(/(`[^`\n]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/[\\`*_[\]<>#|~]/g, "\\$&")))
    .join("");
}

function location(path: string, range: Range): Sarif.Location {
  return { physicalLocation: { artifactLocation: artifactLocation(path), region: region(oneBased(range)) } };
}

function relatedLocation(r: RelatedLocation, id: number, options: FormatOptions): Sarif.Location {
  return { id, ...location(options.displayPath(r.path), r.range), message: { text: r.message } };
}

function sarifFix(path: string, fix: PlacedFix): Sarif.Fix {
  return {
    description: { text: fix.title },
    artifactChanges: [
      {
        artifactLocation: artifactLocation(path),
        replacements: fix.edits.map((edit) => ({ deletedRegion: region(oneBased(edit.range)), insertedContent: { text: edit.newText } })),
      },
    ],
    properties: { safety: fix.safety },
  };
}

function region(at: OneBasedRange): Sarif.Region {
  return { startLine: at.line, startColumn: at.column, endLine: at.endLine, endColumn: at.endColumn };
}

/**
 * A relative path becomes a relative URI against %SRCROOT%; an absolute one
 * (a file outside the working directory) a `file:` URI. Each segment is
 * percent-encoded, so spaces, `#` and `?` in names survive.
 */
function artifactLocation(path: string): Sarif.ArtifactLocation {
  const slashed = path.replace(/\\/g, "/");
  const drive = /^[A-Za-z]:\//.exec(slashed);
  if (drive) return { uri: `file:///${slashed.slice(0, 2)}${encodeSegments(slashed.slice(2))}` };
  if (slashed.startsWith("/")) return { uri: `file://${encodeSegments(slashed)}` };
  return { uri: encodeSegments(slashed.replace(/^(\.\/)+/, "")), uriBaseId: "%SRCROOT%" };
}

function encodeSegments(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

/** Same file, rule and message give the same hash; repeats within a file are told apart by their order. */
class FingerprintCounter {
  private readonly seen = new Map<string, number>();

  next(path: string, d: Diagnostic): string {
    // node:crypto is fetched here rather than imported: loading it costs every run ~5 ms of start-up.
    const { createHash } = process.getBuiltinModule("node:crypto");
    const hash = createHash("sha256").update(`${artifactLocation(path).uri}\0${d.rule}\0${d.message}`).digest("hex").slice(0, 32);
    const occurrence = (this.seen.get(hash) ?? 0) + 1;
    this.seen.set(hash, occurrence);
    return `${hash}:${occurrence}`;
  }
}

/** `duplicate-mac` → `DuplicateMac`: SARIF's `name` is an identifier-like form of the rule. */
function pascalCase(id: string): string {
  return id
    .split("-")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}

/** Markdown soft line breaks become spaces for the plain-text forms; paragraphs stay. */
function unwrap(markdown: string): string {
  return markdown
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.replace(/\s*\n\s*/g, " "))
    .join("\n\n");
}
