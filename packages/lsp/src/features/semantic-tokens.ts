/**
 * Semantic tokens (whole document): keys, operators, numbers, strings and
 * comments, and inside disk and vif specs the parameter names (`bridge`,
 * `vdev`, `cdrom`), their `=`, their values, the vdev (the guest's device
 * name, positional or `vdev=`) and the deprecated prefixes (`phy:`). The
 * rest of a spec string stays a string. The legend is `SEMANTIC_TOKENS_LEGEND`;
 * tokens are encoded relative to each other as LSP wants, one line each,
 * lengths in UTF-16 code units (the parser's offsets are JS string indices).
 */
import type { SemanticTokens, SemanticTokensLegend } from "vscode-languageserver";
import type { Value } from "@xlint/parser";
import { assignmentsOf, type DocumentAnalysis } from "./document-analysis";
import { editorPosition } from "./editor-positions";
import { diskOfAtom, specRange, vifOfAtom, type Atom } from "./device-items";

export const TOKEN_TYPES = ["property", "number", "string", "comment", "operator", "parameter", "enumMember", "variable", "keyword"] as const;
export type TokenType = (typeof TOKEN_TYPES)[number];

export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [] };

/** A typed part of the file, by offsets (keys are properties, a spec's values enum members, a vdev a variable). */
interface Piece {
  readonly start: number;
  readonly end: number;
  readonly type: TokenType;
}

export function semanticTokens(analysis: DocumentAnalysis): SemanticTokens {
  return { data: encode(analysis, piecesOf(analysis)) };
}

/** The typed pieces of the file, in no set order. */
function piecesOf(analysis: DocumentAnalysis): Piece[] {
  const pieces: Piece[] = [];
  const add = (start: number, end: number, type: TokenType): void => {
    if (end > start) pieces.push({ start, end, type });
  };
  for (const comment of analysis.parse.file.comments) add(comment.range.start.offset, comment.range.end.offset, "comment");
  for (const assignment of assignmentsOf(analysis)) {
    add(assignment.key.range.start.offset, assignment.key.range.end.offset, "property");
    add(assignment.operatorRange.start.offset, assignment.operatorRange.end.offset, "operator");
    addValue(analysis, assignment.key.name, assignment.value, add);
  }
  return pieces;
}

type Add = (start: number, end: number, type: TokenType) => void;

function addValue(analysis: DocumentAnalysis, key: string, value: Value | undefined, add: Add): void {
  if (value === undefined || value.kind === "invalid") return;
  if (value.kind === "list") {
    for (const item of value.items) addValue(analysis, key, item, add);
    return;
  }
  if (value.kind === "number") {
    add(value.range.start.offset, value.range.end.offset, "number");
    return;
  }
  const inner = key === "vif" ? vifPieces(analysis, value) : key === "disk" ? diskPieces(analysis, value) : [];
  // The string's own characters (quotes included) between the spec's pieces.
  let at = value.range.start.offset;
  for (const piece of inner.sort((a, b) => a.start - b.start)) {
    if (piece.start < at) continue;
    add(at, piece.start, "string");
    add(piece.start, piece.end, piece.type);
    at = piece.end;
  }
  add(at, value.range.end.offset, "string");
}

function vifPieces(analysis: DocumentAnalysis, atom: Atom): Piece[] {
  const { spec, vif } = vifOfAtom(analysis, atom);
  const pieces: Piece[] = [];
  const add = (span: { start: number; end: number } | undefined, type: TokenType): void => {
    if (span === undefined || span.end <= span.start) return;
    const range = specRange(analysis, spec, span);
    pieces.push({ start: range.start.offset, end: range.end.offset, type });
  };
  for (const token of vif.tokens) {
    if (token.key === undefined || token.keySpan === undefined) continue;
    add(token.keySpan, "parameter");
    if (token.value !== undefined) {
      add({ start: token.keySpan.end, end: token.keySpan.end + 1 }, "operator");
      add(token.value.span, "enumMember");
    }
  }
  return pieces;
}

function diskPieces(analysis: DocumentAnalysis, atom: Atom): Piece[] {
  const { spec, disk } = diskOfAtom(analysis, atom);
  const pieces: Piece[] = [];
  const add = (start: number, end: number, type: TokenType): void => {
    if (end <= start) return;
    const range = specRange(analysis, spec, { start, end });
    pieces.push({ start: range.start.offset, end: range.end.offset, type });
  };
  for (const token of disk.tokens) {
    const value = token.valueSpan;
    switch (token.kind) {
      case "parameter":
      case "target": {
        if (value === undefined) break;
        const equals = value.start - 1;
        add(token.span.start, equals, "parameter");
        add(equals, value.start, "operator");
        add(value.start, value.end, token.name === "vdev" ? "variable" : "enumMember");
        break;
      }
      case "flag": {
        const end = disk.text[token.span.end - 1] === "," ? token.span.end - 1 : token.span.end;
        add(token.span.start, end, "parameter");
        break;
      }
      case "prefix":
        if (value !== undefined) add(value.start, value.end, "keyword");
        break;
      case "positional":
        if (value !== undefined) add(value.start, value.end, token.slot === "vdev" || token.slot === "vdev:devtype" ? "variable" : "enumMember");
        break;
      default:
        // Blanks, and what xl cannot read: they stay part of the string.
        break;
    }
  }
  return pieces;
}

/** LSP's relative encoding: each token as (line delta, start delta, length, type, modifiers), split at line breaks. */
function encode(analysis: DocumentAnalysis, pieces: readonly Piece[]): number[] {
  const text = analysis.text;
  const data: number[] = [];
  let lastLine = 0;
  let lastColumn = 0;
  const push = (start: number, end: number, type: number): void => {
    if (end <= start) return;
    const { line, character } = editorPosition(analysis, start);
    const deltaLine = line - lastLine;
    data.push(deltaLine, deltaLine === 0 ? character - lastColumn : character, end - start, type, 0);
    lastLine = line;
    lastColumn = character;
  };
  for (const piece of [...pieces].sort((a, b) => a.start - b.start)) {
    const type = TOKEN_TYPES.indexOf(piece.type);
    // A token never holds a line break (`\n`, `\r\n`, or the lone `\r` editors also count).
    let from = piece.start;
    for (let i = piece.start; i < piece.end; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      push(from, i, type);
      from = i + 1;
    }
    push(from, piece.end, type);
  }
  return data;
}
