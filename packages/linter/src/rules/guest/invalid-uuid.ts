import { detachedSpecText, parseUuid, uuidErrorIndex, type Span } from "@xlint/parser";
import type { FileRule } from "../../engine/types";
import { problemFinding } from "../util/finding-text";
import { spanRange, stringSetting } from "../util/settings";

/** The first character that breaks the 8-4-4-4-12 form, or what is left over or missing at the end. */
function offendingSpan(text: string): Span {
  const bad = uuidErrorIndex(text);
  if (bad < Math.min(text.length, 36)) return { start: bad, end: bad + 1 };
  return text.length > 36 ? { start: 36, end: text.length } : { start: 0, end: text.length };
}

/** A `uuid` libuuid cannot read: xl stops. */
export const invalidUuid: FileRule = {
  id: "invalid-uuid",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "`uuid` is not in the 8-4-4-4-12 hexadecimal form, so xl refuses the config",
  docs: {
    description: [
      "xl hands `uuid` to libuuid, which accepts exactly 36 characters: hexadecimal digits (either case)",
      "grouped 8-4-4-4-12 by dashes, without braces or blanks. Anything else stops xl with \"Failed to parse",
      "UUID\". The finding points at the first character that breaks the form.",
      "",
      "Write a UUID produced by `uuidgen`, or drop the key to get a new random UUID at every start.",
    ].join("\n"),
    invalid: [
      { config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nuuid = "{3c9e1a52-6f0b-4d8e-9a47-0d2b5c71e8f4}"\n', note: "Braces are not part of the form." },
      { config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nuuid = "3c9e1a52-6f0b-4d8e-9a47-0d2b5c71e8f"\n', note: "One digit short." },
    ],
    valid: [{ config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nuuid = "3C9E1A52-6f0b-4d8e-9a47-0d2b5c71e8f4"\n' }],
  },
  check(context) {
    const uuid = stringSetting(context, "uuid");
    if (!uuid) return;
    const spec = uuid.spec ?? detachedSpecText(uuid.value);
    const problem = parseUuid(spec).problems.find((p) => p.effect === "fatal");
    if (!problem) return;
    context.report({
      range: uuid.spec && spec.text.length > 0 ? spanRange(context, uuid.spec, offendingSpan(spec.text)) : uuid.range,
      ...problemFinding(problem.message),
    });
  },
};
