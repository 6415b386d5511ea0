import type { FileRule } from "../../engine/types";
import { firstStatementRange, hasSyntaxErrors } from "../util/guest-settings";

/** No `name`: xl stops before doing anything else. */
export const missingName: FileRule = {
  id: "missing-name",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "The config has no `name`, so xl refuses it",
  docs: {
    description: [
      "Every guest needs a name: xl uses it to tell guests apart on the host and refuses a config without",
      "one (\"Domain name must be specified\"). Old xm files sometimes left it to the command line; with xl",
      "it must be in the file.",
      "",
      "Add `name = \"...\"` with a name that is unique on the host. A `name` written as a list is just as",
      "fatal; that case is reported by the rule about value shapes.",
    ].join("\n"),
    invalid: [{ config: 'type = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 1024\n' }],
    valid: [{ config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 1024\n' }],
  },
  check(context) {
    // Any shape counts as present: a list is the value-shape rule's finding, and a
    // file with syntax errors may hide the name in a broken statement.
    if (context.setting("name") || hasSyntaxErrors(context)) return;
    context.report({
      range: firstStatementRange(context),
      message: "The config has no `name`",
      help: 'xl refuses it ("Domain name must be specified") before creating anything. Add `name = "..."` with a name unique on the host.',
    });
  },
};
