import type { FileRule } from "../engine/types";

/**
 * Everything libxlu's own parser rejects, and the quirks it accepts in
 * surprising ways, straight from the parser and evaluator.
 */
export const syntax: FileRule = {
  id: "syntax",
  scope: "file",
  severity: "error",
  category: "syntax",
  fixable: "none",
  summary: "The file is not valid xl config syntax (xl refuses the whole file), or uses a syntax quirk",
  docs: {
    description: [
      "xl reads domain configs with a small language of its own (libxlu): `key = value` lines, quoted strings,",
      "numbers and `[ ... ]` lists. Anything else — Python left over from xm, an unquoted word, a CRLF line",
      "ending, a `\\x` escape — makes `xl create` refuse the **whole file** before it looks at a single option.",
      "",
      "Errors of this rule are exactly the cases xl refuses; they cannot be turned off or suppressed, because",
      "hiding them would not make xl accept the file. Its warnings and notes (an octal escape that xl",
      "silently drops, a stray byte at the end of the file) follow the configured severity.",
    ].join("\n"),
    invalid: [
      { config: 'name = "web01"\nmemory = 512M\n', note: "`512M` is not a number to xl; write `memory = 512`." },
      { config: 'name = "web01"\nacpi = True\n', note: "Python's `True` is an unquoted word; xl wants `1`." },
      { config: 'name = "web01"\non-crash = "restart"\n', note: "Keys cannot contain `-`." },
    ],
    valid: [{ config: 'name = "web01"\nmemory = 512\ndisk = [ "phy:/dev/vg0/web01,xvda,w" ]\n' }],
  },
  check(context) {
    const all = [...context.parse.diagnostics, ...context.evaluation.diagnostics];
    for (const d of all) context.report({ range: d.range, message: d.message, ...(d.help === undefined ? {} : { help: d.help }), severity: d.severity });
  },
};
