/**
 * The path a document has in a lint run. Findings of the cross-file rules
 * name other files by path in their messages ("web01.cfg:3"), so a path
 * relative to the workspace folder reads best; a document outside every
 * folder keeps its absolute path, and one that is not a file (an untitled
 * buffer) its URI. The mapping is kept both ways, so that the places a
 * finding names lead back to documents.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

export class DocumentPaths {
  private readonly uriByPath = new Map<string, string>();

  /** `folders`: the file system paths of the workspace folders; the first that holds a file names it. */
  constructor(private folders: readonly string[]) {}

  /** The workspace folders now (workspace/didChangeWorkspaceFolders). */
  get workspaceFolders(): readonly string[] {
    return this.folders;
  }

  setWorkspaceFolders(folders: readonly string[]): void {
    this.folders = [...folders];
  }

  pathOf(uri: string): string {
    const known = DocumentPaths.fileSystemPath(uri);
    const shown = known === undefined ? uri : this.relativeToFolder(known);
    this.uriByPath.set(shown, uri);
    return shown;
  }

  uriOf(shownPath: string): string | undefined {
    return this.uriByPath.get(shownPath);
  }

  /** The file name, for telling the kind of file (xl.conf, a pool file) from its name. */
  static baseName(uri: string): string {
    const withoutQuery = uri.replace(/[?#].*$/, "");
    return decodeURIComponent(withoutQuery.slice(withoutQuery.lastIndexOf("/") + 1));
  }

  /** The file a `file:` URI names; undefined for any other URI (an untitled buffer) or a malformed one. */
  static fileSystemPath(uri: string): string | undefined {
    if (!uri.startsWith("file:")) return undefined;
    try {
      return fileURLToPath(uri);
    } catch {
      return undefined;
    }
  }

  private relativeToFolder(file: string): string {
    for (const folder of this.folders) {
      const relative = path.relative(folder, file);
      if (relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative)) return relative.split(path.sep).join("/");
    }
    return file;
  }
}
