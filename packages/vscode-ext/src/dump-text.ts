/**
 * The side editor of "Show the Settings xl Reads": what `xlint dump --explain`
 * says (guest type, OS, arch and why) as comments, then the settings exactly
 * as libxlu stores them (`xlint dump`), as JSON with comments.
 */
import type { DumpResult } from "./protocol";

export function dumpDocumentText(fileName: string, dump: DumpResult): string {
  const comment = (text: string) =>
    text
      .replace(/\n$/, "")
      .split("\n")
      .map((line) => (line === "" ? "//" : `// ${line}`))
      .join("\n");
  const head = comment(`The settings xl reads from ${fileName}, as its config parser (libxlu) stores them.\n\n${dump.explanation}`);
  if (dump.errors !== undefined && dump.errors.length > 0) {
    return `${head}\n//\n${comment(`xl refuses this file, so it reads no settings:\n${dump.errors.join("\n")}`)}\n`;
  }
  return `${head}\n${dump.settingsJson ?? ""}${dump.settingsJson?.endsWith("\n") === false ? "\n" : ""}`;
}
