import type { ProjectRule } from "../../engine/types";
import { collectValue, repeatedValues, reportRepeats, valueKeys, type ValueFact } from "../util/project-values";

const base = 'type = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 512\nvcpus = 1\n';
const NIL = "00000000-0000-0000-0000-000000000000";

/** Two guests of one run with the same `uuid`. */
export const duplicateUuid: ProjectRule<ValueFact> = {
  id: "duplicate-uuid",
  scope: "project",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "Two configs of one repository (or one run) give their guests the same UUID",
  docs: {
    description: [
      "A domain's UUID identifies it to Xen and to management tools; two running domains with one UUID",
      "confuse both, and libxl refuses to create a domain whose UUID is already in use. A copied config",
      "that kept its `uuid` line is the usual cause. UUIDs are compared as xl reads them (case does not",
      "matter), across the files linted together and the other configs of their repository. Remove the line",
      "to get a fresh random UUID at every boot, or generate a new one (`uuidgen`).",
      "",
      "Only guests of one host are compared: a repository that keeps the configs of several dom0s names",
      "each host with `host.name` in the `xlint.json` of its folder, or declares host folders with",
      "`\"hosts\": [\"dom0s/*\"]`; files of no named host share one host. Findings say which host the uses",
      "belong to when it is named.",
    ].join("\n"),
    invalid: [
      {
        config: `name = "web01"\nuuid = "6c6d5f0e-8f3a-4d7e-9b1a-2f3c4d5e6f70"\n${base}`,
        otherFiles: { "web02.cfg": `name = "web02"\nuuid = "6C6D5F0E-8F3A-4D7E-9B1A-2F3C4D5E6F70"\n${base}` },
      },
    ],
    valid: [
      {
        config: `name = "web01"\nuuid = "6c6d5f0e-8f3a-4d7e-9b1a-2f3c4d5e6f70"\n${base}`,
        otherFiles: { "web02.cfg": `name = "web02"\nuuid = "0b4e8f61-1d2c-4a5b-8c7d-9e0f1a2b3c4d"\n${base}` },
      },
    ],
  },
  collect: (file) => collectValue(file, "uuid"),
  relatesBy: valueKeys,
  check(context) {
    // Only well-formed UUIDs: a malformed one is `invalid-uuid`'s finding; the nil one is `nil-uuid`'s.
    const normalise = (v: string): string | undefined => (/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i.test(v) && v.toLowerCase() !== NIL ? v.toLowerCase() : undefined);
    reportRepeats(context, repeatedValues(context.files, normalise), "guest", (use, others) =>
({
      message: `The UUID \`${use.text}\` is also used by ${others}`,
      help: "Two domains with one UUID confuse Xen and management tools, and the second cannot be created while the first runs. Remove the line for a random UUID, or generate a new one.",
    }),
    );
  },
};
