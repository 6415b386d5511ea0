/**
 * What `xlint dump --explain FILE` prints: what xlint assumes of a config
 * before any rule runs (the guest type xl will build, the guest OS, the arch
 * the config is meant for) and why, each with the line it comes from when
 * there is one. Pure text from `fileAssumptions`, so the command and the
 * language server (its `xlint/dump` request) print the same words.
 *
 * The output is for people, but stable (tests and scripts may read it):
 *
 *   FILE
 *   guest type: pv (xl's default on x86: neither `type` nor `builder` is set)
 *   guest OS:   netbsd (inferred from the config)
 *     line 2: kernel `/netbsd-XEN3_DOMU.gz` is a NetBSD kernel name [strong]
 *   arch:       x86 (nothing says; x86 assumed)
 */
import type { Range } from "@xlint/parser";
import type { FileAssumptions } from "./file-pass";
import type { Evidence } from "./guest-os";

/** The explanation as printed; `shown` is the first line (the file's name), `text` the file the ranges point into. */
export function explainText(shown: string, text: string, a: FileAssumptions): string {
  const out: string[] = [shown];
  const at = (range: Range | undefined): string => (range ? `line ${range.start.line + 1}: ` : "");
  const written = (range: Range | undefined): string => (range ? text.slice(range.start.offset, range.end.offset) : "");

  // Guest type.
  const g = a.guest;
  const arch = a.host.arch;
  if (g.type === undefined) {
    out.push(`guest type: none (xl refuses the ${g.source === "builder" ? "`builder`" : "`type`"} value ${written(g.range)}: \`xlint FILE\` says why)`);
  } else if (g.source === "default") {
    out.push(`guest type: ${g.type} (xl's default on ${arch}: neither \`type\` nor \`builder\` is set)`);
  } else {
    const how = g.writtenAs !== undefined ? `, which xl reads as ${g.type}` : "";
    const key = g.source === "builder" ? "`builder` (deprecated)" : "`type`";
    out.push(`guest type: ${g.type} (from ${key})`);
    out.push(`  ${at(g.range)}${g.source} = ${written(g.range)}${how}`);
  }

  // Guest OS.
  const os = a.guestOs;
  const why =
    os.source === "comment"
      ? "stated by a comment in the file"
      : os.source === "config"
        ? "stated by xlint.json"
        : os.os === "unknown"
          ? os.evidence.some((e) => e.os !== undefined)
            ? "inferred: the signals disagree, none clearly stronger"
            : "inferred: nothing in the config tells"
          : "inferred from the config";
  out.push(`guest OS:   ${os.os} (${why})`);
  for (const e of os.evidence) out.push(`  ${evidenceLine(e, at)}`);

  // Arch.
  const archWhy = a.arch.source === "host" ? "stated by the host profile" : a.arch.source === "config" ? "inferred from the config's keys or kernel name" : "nothing says; x86 assumed";
  out.push(`arch:       ${a.arch.arch} (${archWhy})`);
  for (const e of a.arch.evidence) out.push(`  ${evidenceLine(e, at)}`);
  return `${out.join("\n")}\n`;
}

function evidenceLine(e: Evidence, at: (range: Range | undefined) => string): string {
  const weight = e.strength ? ` [${e.strength}]` : "";
  return `${at(e.range)}${e.text}${weight}`;
}
