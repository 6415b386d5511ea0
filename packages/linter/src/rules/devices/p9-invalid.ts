import type { FileRule } from "../../engine/types";
import { reportListProblems } from "../util/devices-lists";

/** A `p9` share xl 4.17 refuses, or one that silently takes fields from the share before it. */
export const p9Invalid: FileRule = {
  id: "p9-invalid",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "A `p9` share without `tag`, `security_model` or `path`, with an unknown key, or inheriting fields from the previous share",
  docs: {
    description: [
      "A 9pfs share exports a dom0 directory to the guest: `tag=NAME,security_model=none,path=/DIR`, plus",
      "an optional `backend=`. xl 4.17 refuses the config when one of the three required keys is missing",
      "or when a key is not one of those four (the `type=`, `max-files=` and similar keys arrived in 4.19).",
      "",
      "xl 4.17 also has a bug: the fields are not reset between items, so a share that leaves one out",
      "silently reuses the value of an earlier share, the missing-field check included. That is reported",
      "as a warning, like the other things xl reads differently from what is written (a token without `=`",
      "ends the item, a repeated key keeps its last value). Give every share all of its keys.",
    ].join("\n"),
    invalid: [
      { config: 'name = "dev01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\np9 = [ "tag=src,path=/srv/src" ]\n', note: "`security_model` is required in 4.17." },
      {
        config: 'name = "dev01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\np9 = [ "tag=src,security_model=none,path=/srv/src", "tag=data,path=/srv/data" ]\n',
        note: "The second share silently takes `security_model` from the first.",
      },
    ],
    valid: [{ config: 'name = "dev01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\np9 = [ "tag=src,security_model=none,path=/srv/src" ]\n' }],
  },
  check(context) {
    reportListProblems(context, ["p9"]);
  },
};
