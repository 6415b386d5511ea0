/**
 * What the language features may read of the whole workspace, beyond the
 * document at hand: for every xl config of the workspace (open documents at
 * their current text, the others as last read from disk) a few named values
 * with their places. Workspace symbols, references, and the completion of a
 * fresh MAC or the next free vdev read this; the workspace index
 * (workspace/index) keeps it current. Plain data, a few strings per file, so
 * a workspace of 10,000 configs keeps it cheaply.
 */

/** The kinds of values that name something across files. */
export type WorkspaceSymbolKind = "guest-name" | "mac" | "disk-target" | "bridge" | "uuid";

/** A place in a file: offsets and 0-based line/UTF-16 column, as the parser gives them. */
export interface SymbolPlace {
  readonly startOffset: number;
  readonly startLine: number;
  readonly startColumn: number;
  readonly endOffset: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface SymbolFact {
  readonly kind: WorkspaceSymbolKind;
  /**
   * The value compared across files, canonical: a MAC in lower case with
   * colons, a disk target as written, a guest name as xl stores it.
   */
  readonly value: string;
  /** Where the value is written (for a MAC or a bridge: the spec's field; for a name: the string). */
  readonly place: SymbolPlace;
  /** For list items (vif, disk): the item's index, to name it ("vif #1"). */
  readonly item?: number;
}

export interface WorkspaceFileSymbols {
  readonly uri: string;
  /** The path shown in messages (relative to the workspace folder). */
  readonly path: string;
  readonly symbols: readonly SymbolFact[];
}

export interface WorkspaceView {
  /** Every config of the workspace that the index knows, each once (open documents with their current text). */
  files(): Iterable<WorkspaceFileSymbols>;
}

/** A view with nothing in it: before the index is built, and in unit tests. */
export const EMPTY_WORKSPACE: WorkspaceView = { files: () => [] };
