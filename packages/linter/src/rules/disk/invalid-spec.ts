import type { FileRule } from "../../engine/types";
import { diskEntries, diskRange } from "../util/disk-entries";
import { problemFinding } from "../util/finding-text";
import { failuresFor } from "../util/disk-failures";

/** A disk spec xl's parser refuses, for every reason no more specific disk rule explains. */
export const diskInvalidSpec: FileRule = {
  id: "disk-invalid-spec",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "A disk spec xl cannot parse (unknown parameter, prefix, format, access or device type, a field given twice, too many fields), so xl refuses the config",
  docs: {
    description: [
      "xl reads every `disk` item with its own small parser before it creates anything, and one bad item",
      "is enough for `xl create` to stop with \"config parsing error in disk specification\". This rule",
      "reports the first thing xl trips over in each item: a `key=` it does not know, an unknown",
      "`prefix:`, a format, access mode, device type, backend type or specification it does not accept",
      "(the words are case-sensitive), a field set twice with different values, a fifth positional field,",
      "or a stray `=`. The message names the offending text; the help says what xl accepts instead.",
      "",
      "Some refusals have rules of their own that explain them better: xm's three-field form",
      "(`disk-xm-positional`), `w!` (`disk-shared-writable`), a missing vdev or target",
      "(`disk-missing-vdev`, `disk-missing-target`) and the `trusted` flag (`disk-trusted-flag`).",
    ].join("\n"),
    invalid: [
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "/dev/vg0/web01,vmdk,xvda,rw" ]\n', note: "`vmdk` is not a format xl knows." },
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "vdev=xvda,mode=rw,target=/dev/vg0/web01" ]\n', note: "The parameter is `access=`, not `mode=`." },
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "/srv/web01.img,raw,xvda,rw,sync" ]\n', note: "Only four positional fields exist." },
    ],
    valid: [
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "/dev/vg0/web01,raw,xvda,rw", "format=qcow2,vdev=xvdb,access=ro,target=/srv/data.qcow2" ]\n' },
    ],
  },
  check(context) {
    for (const { entry, problem } of failuresFor(diskEntries(context), context.host, "disk-invalid-spec")) {
      context.report({ range: diskRange(context.parse.lines, entry, problem.span), ...problemFinding(problem.message) });
    }
  },
};
