import type { FileRule } from "../../engine/types";
import { stringSetting } from "../util/settings";

/** What is wrong with a name xl accepts, or undefined when nothing is. */
/** What is wrong with a name xl takes, and why it matters. */
function nameTrouble(name: string): { what: string; why: string } | undefined {
  if (name === "") return { what: "is empty", why: "xl accepts it, but no `xl` command can then address the guest by name." };
  if (/^[0-9]+$/.test(name)) {
    return { what: "is all digits", why: `\`xl\` commands take an all-digit argument as a domain id, so \`xl shutdown ${name}\` would act on domain ${String(Number(name))}, not on this guest.` };
  }
  if (name.includes("/")) {
    return { what: "contains `/`", why: "libxl builds file names from the guest's name (such as the device model's log `qemu-dm-NAME.log`), and a slash sends them into another directory or makes them fail." };
  }
  if (/\s/.test(name)) return { what: "contains whitespace", why: "Every `xl` command and script has to quote it, and leading or trailing blanks are invisible in `xl list`." };
  return undefined;
}

/** A name xl takes but that makes the guest hard or unsafe to manage. */
export const nameFormat: FileRule = {
  id: "name-format",
  scope: "file",
  severity: "warning",
  category: "suspicious",
  fixable: "none",
  summary: "The guest's `name` is empty, all digits, or contains `/` or whitespace",
  docs: {
    description: [
      "xl accepts any text as a guest's name, but some names make the guest hard to manage. An all-digit",
      "name is read as a domain id by every `xl` command (`xl console 42` means domain 42, not the guest",
      "named 42). An empty name cannot be given to a command at all. A `/` ends up in file names libxl",
      "derives from the name (device model logs), and whitespace must be quoted everywhere.",
      "",
      "Use letters, digits, `-`, `_` and `.`, starting with a letter.",
    ].join("\n"),
    invalid: [
      { config: 'name = "42"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\n', note: "`xl destroy 42` would destroy domain id 42." },
      { config: 'name = "web 01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\n' },
    ],
    valid: [{ config: 'name = "web-01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\n' }],
  },
  check(context) {
    const name = stringSetting(context, "name");
    if (!name) return;
    const trouble = nameTrouble(name.value);
    if (!trouble) return;
    context.report({
      range: name.range,
      message: `The name \`${JSON.stringify(name.value)}\` ${trouble.what}`,
      help: `${trouble.why} Use letters, digits, \`-\`, \`_\` and \`.\`, starting with a letter.`,
    });
  },
};
