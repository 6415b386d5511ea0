import type { FileRule } from "../../engine/types";
import { reportListProblems } from "../util/devices-lists";

/** A `vtpm` item xl refuses or reads only in part. */
export const vtpmInvalid: FileRule = {
  id: "vtpm-invalid",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "A `vtpm` without `backend=`, with a malformed `uuid=` or an unknown key, so xl refuses the config",
  docs: {
    description: [
      "A vTPM item names the domain that serves it, `backend=DOMAIN`, and may fix its identity with",
      "`uuid=`. xl refuses the config when `backend` is missing, when the UUID is not in the usual",
      "8-4-4-4-12 hexadecimal form, or when a key is neither of those two (a blank before `=` makes the key",
      "unknown too).",
      "",
      "It warns about what xl reads differently from what is written: a token without `=` ends the item",
      "there (everything after it is ignored), a key given twice keeps its last value, and an empty",
      "`backend=` means domain 0.",
    ].join("\n"),
    invalid: [
      { config: 'name = "win01"\ntype = "hvm"\nvtpm = [ "uuid=5e3e0ce8-26cb-4b15-8b6c-1d2bfa6e6a3e" ]\n', note: "No backend domain." },
      { config: 'name = "win01"\ntype = "hvm"\nvtpm = [ "backend=vtpmmgr,model=tpm2" ]\n', note: "`model` is not a vtpm key." },
    ],
    valid: [{ config: 'name = "win01"\ntype = "hvm"\nvtpm = [ "backend=vtpm-win01,uuid=5e3e0ce8-26cb-4b15-8b6c-1d2bfa6e6a3e" ]\n' }],
  },
  check(context) {
    reportListProblems(context, ["vtpm"]);
  },
};
