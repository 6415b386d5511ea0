/**
 * `.cfg` is a common extension (INI files, setup.cfg, Java's nss.cfg), which
 * VS Code gives to other languages; claiming every `.cfg` would be wrong. So a
 * `.cfg` file opened as plain text, properties or INI becomes an xl document
 * only when its text is an xl config as `xlint DIR` decides it (the linter's
 * `detectConfigKind`). A file the user associated with a language in
 * `files.associations` is left as it is, and `xlint.detectByContent: false`
 * turns the check off.
 *
 * The other way round, the manifest gives every file of /etc/xen to xl, where
 * the hotplug scripts' neighbours and other tools' files also live: a file
 * given to xl by that name pattern alone (not `.xl`/`.xlcfg`) whose text is a
 * script, JSON or Python goes to that language instead (`handBackLanguage`),
 * once: a user who then chooses xl for it keeps that choice.
 */
import * as vscode from "vscode";
import { classifyConfigFile } from "@xlint/linter";
import { NAME_PATTERNS, XL_LANGUAGE } from "./language";
import { matchesAssociation } from "./associations";
import { handBackLanguage } from "./hand-back";

/** The languages VS Code gives `.cfg` files when no extension claims them. */
const CLAIMED_BY_DEFAULT = new Set(["plaintext", "properties", "ini"]);
/** Past this size a file is not a domain config; its text is not read. */
const MAX_LENGTH = 1_000_000;

export class ContentDetection implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    this.subscriptions.push(vscode.workspace.onDidOpenTextDocument((document) => void this.check(document)));
    for (const document of vscode.workspace.textDocuments) void this.check(document);
  }

  /** Files handed back once: if the user then chooses xl for one, that choice stays. */
  private readonly handedBack = new Set<string>();

  private async check(document: vscode.TextDocument): Promise<void> {
    if (document.uri.scheme !== "file") return;
    const path = document.uri.path;
    // Only what the manifest's name patterns gave to xl can be handed back (not `.xl`, not a file taken by content).
    const claimedByName = document.languageId === XL_LANGUAGE && matchesAssociation(path, NAME_PATTERNS) && !this.handedBack.has(path);
    if (!claimedByName && !(CLAIMED_BY_DEFAULT.has(document.languageId) && /\.cfg$/i.test(path))) return;
    if (document.getText().length > MAX_LENGTH) return;
    const settings = vscode.workspace.getConfiguration("xlint", document.uri);
    if (!settings.get<boolean>("detectByContent", true)) return;
    const associations = vscode.workspace.getConfiguration("files", document.uri).get<Record<string, string>>("associations") ?? {};
    if (matchesAssociation(path, Object.keys(associations))) return;
    const classification = classifyConfigFile(path, document.getText());
    const language = claimedByName ? handBackLanguage(classification) : classification.kind === undefined ? undefined : XL_LANGUAGE;
    if (language === undefined) return;
    if (claimedByName) this.handedBack.add(path);
    await vscode.languages.setTextDocumentLanguage(document, language);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
