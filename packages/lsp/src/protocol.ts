/**
 * The language server's own requests, beyond LSP: their method names and the
 * shapes of their parameters and answers. The VS Code extension imports this
 * module (`@xlint/lsp/protocol`) to call them, so it holds names and types
 * only: no import at all, nothing that would pull server code into the
 * extension's bundle. Any client can send them (they are plain JSON-RPC
 * requests); each answers `null` for a document the server does not have open.
 *
 *   xlint/status   what the server assumes of an open document (kind, guest
 *                  type, guest OS, arch) and how far the workspace index is
 *   xlint/ruleDoc  a rule's page, as `xlint explain RULE` prints it
 *   xlint/dump     `xlint dump FILE` and `xlint dump --explain FILE` of an
 *                  open document's current text (unsaved edits included)
 */

/** Names one open document, as LSP's `TextDocumentIdentifier` does. */
export interface DocumentParams {
  readonly textDocument: { readonly uri: string };
}

/** `xlint/status`: params {@link StatusParams}, answer {@link StatusResult} or `null` (the document is not open). */
export const STATUS_REQUEST = "xlint/status";

export type StatusParams = DocumentParams;

/** What a file is to xl: a domain config, the toolstack's xl.conf, or a `xl cpupool-create` file. */
export type DocumentKind = "domain" | "xl-conf" | "cpupool";

export type GuestTypeName = "pv" | "pvh" | "hvm";

export interface StatusResult {
  readonly kind: DocumentKind;
  /**
   * The guest type xl would build (domain configs only). Absent when xl
   * refuses the `type` or `builder` value, or for a file that is no domain config.
   */
  readonly guestType?: GuestTypeName;
  /** What decided the guest type: the `type` key, the deprecated `builder` key, or xl's default (neither set). Domain configs only. */
  readonly guestTypeSource?: "type" | "builder" | "default";
  /** The guest OS (`linux`, `netbsd`, `freebsd`, `windows`, `unikernel`); absent when nothing tells, or for a file that is no domain config. */
  readonly guestOs?: string;
  /** Where the guest OS comes from: `inferred` from the settings, stated by a `# xlint-guest-os:` `comment`, or by xlint.json's `guests` (`config`). */
  readonly guestOsSource?: "inferred" | "comment" | "config";
  /** The architecture the config is meant for (`x86`, `arm`): the host profile's, else what the config's keys and kernel name say, else x86. Domain configs only. */
  readonly arch?: string;
  /** Whether the workspace index (the configs on disk that cross-file findings compare) is being built. */
  readonly indexing: boolean;
  /** How many configs the workspace index holds now. */
  readonly indexedConfigs: number;
}

/** `xlint/ruleDoc`: params {@link RuleDocParams}, answer {@link RuleDocResult} or `null` (no such rule). */
export const RULE_DOC_REQUEST = "xlint/ruleDoc";

export interface RuleDocParams {
  readonly ruleId: string;
}

export interface RuleDocResult {
  readonly ruleId: string;
  /** The rule's page in Markdown, the very text of `xlint explain RULE` (no network needed). */
  readonly markdown: string;
}

/** `xlint/dump`: params {@link DumpParams}, answer {@link DumpResult} or `null` (the document is not open). */
export const DUMP_REQUEST = "xlint/dump";

export type DumpParams = DocumentParams;

export interface DumpResult {
  /** The settings as xl stores them, exactly what `xlint dump FILE` prints for the current text; absent when the text does not parse. */
  readonly settingsJson?: string;
  /** The syntax errors that keep xl (and the dump) from reading the text, one `LINE:COL: message` each (1-based); absent when it parses. */
  readonly errors?: readonly string[];
  /** What `xlint dump --explain FILE` prints: the guest type, guest OS and arch xlint assumes, and why. Its first line names the document. */
  readonly explanation: string;
}
