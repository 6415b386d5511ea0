import { GUEST_OSES, readGuestOsDirectives } from "../engine/guest-os";
import type { FileRule } from "../engine/types";

const VALUES = GUEST_OSES.map((os) => `\`${os}\``).join(", ");

/** A `# xlint-guest-os:` comment xlint cannot use: no value, a value that names no OS, or a second one. */
export const guestOsDirective: FileRule = {
  id: "guest-os-directive",
  scope: "file",
  severity: "warning",
  category: "suppression",
  fixable: "none",
  summary: "A `# xlint-guest-os:` comment names no OS xlint knows, or contradicts an earlier one",
  docs: {
    description: [
      "`# xlint-guest-os: OS` tells xlint which operating system the guest runs, for the findings that",
      `depend on the guest kernel (such as \`disk-numeric-vdev\`). OS is one of ${VALUES}; case does not`,
      "matter. It wins over what xlint infers from the kernel name or command line and over the `guests`",
      "entries of xlint.json (`xlint dump --explain FILE` shows what xlint assumed and why).",
      "",
      "A comment with no value or with a value that is not one of these is ignored, so xlint goes on",
      "guessing: this rule reports it. When a file has several such comments, the first valid one applies",
      "and a later one that names another OS is reported. xl itself never reads these comments.",
    ].join("\n"),
    invalid: [
      { config: '# xlint-guest-os: openbsd\nname = "vm01"\nkernel = "/srv/xen/bsd.gz"\n', note: "`openbsd` is not one of the values." },
      { config: '# xlint-guest-os: netbsd\n# xlint-guest-os: linux\nname = "vm01"\nkernel = "/srv/xen/kernel.gz"\n', note: "The second comment contradicts the first, which applies." },
    ],
    valid: [{ config: '# xlint-guest-os: netbsd\nname = "vm01"\nkernel = "/srv/xen/kernel.gz"\ndisk = [ "file:/srv/xen/vm01.img,0x0,w" ]\n' }],
  },
  check(context) {
    const directives = readGuestOsDirectives(context.parse.file.comments, context.parse.lines);
    let applied: (typeof directives)[number] | undefined;
    for (const d of directives) {
      if (d.os === undefined) {
        context.report({
          range: d.range,
          ...(d.value === ""
            ? { message: "This `xlint-guest-os` comment names no OS", help: `xlint ignores it. Write one of ${VALUES}, e.g. \`# xlint-guest-os: netbsd\`.` }
            : { message: `\`${d.value}\` is not a guest OS xlint knows`, help: `xlint ignores this comment and goes on inferring the OS. Use one of ${VALUES}.` }),
        });
      } else if (!applied) {
        applied = d;
      } else if (d.os !== applied.os) {
        context.report({
          range: d.range,
          message: `This comment says \`${d.os}\`, but the one on line ${applied.comment.range.start.line + 1} says \`${applied.os}\``,
          help: "The first `xlint-guest-os` comment applies. Keep one.",
        });
      }
    }
  },
};
