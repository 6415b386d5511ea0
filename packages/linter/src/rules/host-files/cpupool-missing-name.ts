import type { FileRule, Fix } from "../../engine/types";
import { firstStatementRange } from "../util/guest-settings";
import { settingRange, stringSetting } from "../util/settings";

/** The last part of a path, as `libxl_basename` takes it: everything after the last `/`. */
function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** A name for the pool made from the file name: without its extension, when that leaves something xl can quote. */
function nameFromFile(path: string): string | undefined {
  const base = baseName(path);
  const stem = base.includes(".") && !base.startsWith(".") ? base.slice(0, base.lastIndexOf(".")) : base;
  return /^[\w.+-]+$/.test(stem) ? stem : undefined;
}

/** No usable `name`: xl names the pool after the file, extension and all. */
export const cpupoolMissingName: FileRule = {
  id: "cpupool-missing-name",
  scope: "file",
  kinds: ["cpupool"],
  severity: "warning",
  category: "suspicious",
  fixable: "unsafe",
  summary: "A cpupool file without a usable `name`, so xl names the pool after the file (extension included)",
  docs: {
    description: [
      "xlcpupool.cfg(5) calls `name` mandatory, but `xl cpupool-create FILE` does not stop without it: it",
      "names the pool after the file, extension included, so `/etc/xen/pool-db.cfg` makes a pool called",
      "`pool-db.cfg`, and guests that say `pool = \"pool-db\"` then fail to start. A `name` written as a list",
      "is warned about and treated the same way, and an empty name makes a pool nobody can refer to.",
      "",
      "The fix adds `name` from the file name without its extension; it is unsafe because the pool's name",
      "changes from what xl would call it today.",
    ].join("\n"),
    invalid: [
      { kind: "cpupool", config: 'sched = "credit2"\ncpus = "4-7"\n', note: "The pool would be called `pool-example.cfg`." },
      { kind: "cpupool", config: 'name = [ "pool-db" ]\ncpus = "4-7"\n' },
    ],
    valid: [{ kind: "cpupool", config: 'name = "pool-db"\nsched = "credit2"\ncpus = "4-7"\n' }],
  },
  check(context) {
    const file = baseName(context.path);
    const setting = context.setting("name");
    if (setting && setting.value.kind === "list") {
      context.report({
        range: settingRange(setting),
        message: "`name` must be a single string, not a list",
        help: `xl warns and names the pool after the file, \`${file}\`. Write \`name = "..."\`.`,
      });
      return;
    }
    const name = stringSetting(context, "name");
    if (name && name.value === "") {
      context.report({ range: name.range, message: "The pool's name is empty", help: "Guests and `xl cpupool-*` commands cannot refer to it by name. Give it one." });
      return;
    }
    if (setting) return;
    const suggested = nameFromFile(context.path);
    const anchor = firstStatementRange(context);
    // The new line goes above the first statement, below any header comment. That is the first
    // statement of any kind: a broken one before the first assignment may run on over its line.
    const first = context.parse.file.statements[0]?.range.start ?? anchor.start;
    const at = first.offset - first.column;
    // CRLF only where the file already has CRLF lines (one error for all of them); a `\r\n` inside a
    // comment or a broken string is no such line, and a new CRLF line would add an error.
    const eol = context.parse.diagnostics.some((d) => d.code === "crlf") ? "\r\n" : "\n";
    const fix: Fix | undefined = suggested
      ? { title: `Add \`name = "${suggested}"\``, safety: "unsafe", edits: [{ start: at, end: at, newText: `name = "${suggested}"${eol}` }] }
      : undefined;
    context.report({
      range: anchor,
      message: `This cpupool file sets no \`name\`, so xl names the pool after the file, \`${file}\``,
      help: 'The name keeps the extension. Set `name = "..."` to the name guests use in `pool=`.',
      ...(fix ? { fix } : {}),
    });
  },
};
