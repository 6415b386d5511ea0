import type { ProjectRule } from "../../engine/types";
import { collectValue, repeatedValues, reportRepeats, valueKeys, type ValueFact } from "../util/project-values";

const base = 'type = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 512\nvcpus = 1\n';

/** Two guests of one run with the same `name`. */
export const duplicateName: ProjectRule<ValueFact> = {
  id: "duplicate-name",
  scope: "project",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "Two configs of one repository (or one run) give their guests the same name",
  docs: {
    description: [
      "A host runs at most one domain of a given name: `xl create` of the second one fails with",
      "\"Domain with name … already exists\", and every `xl` command that takes a name can only reach one",
      "of them. Configs are usually copied from each other, and the `name` is the line people forget. This",
      "rule compares the names of the files linted together and of the other configs of their repository",
      "(up to the `xlint.json` with `\"root\": true`, else the git work tree; `--no-repo-context` turns that",
      "off), and reports in the files linted, naming up to three of the others.",
      "",
      "Only guests of one host are compared: a repository that keeps the configs of several dom0s names",
      "each host with `host.name` in the `xlint.json` of its folder, or declares host folders with",
      "`\"hosts\": [\"dom0s/*\"]`; files of no named host share one host. Findings say which host the uses",
      "belong to when it is named.",
    ].join("\n"),
    invalid: [{ config: `name = "web01"\n${base}`, otherFiles: { "web02.cfg": `name = "web01"\n${base}` }, note: "web02.cfg was copied and kept web01's name." }],
    valid: [{ config: `name = "web01"\n${base}`, otherFiles: { "web02.cfg": `name = "web02"\n${base}` } }],
  },
  collect: (file) => collectValue(file, "name"),
  relatesBy: valueKeys,
  check(context) {
    reportRepeats(context, repeatedValues(context.files, (v) => v), "guest", (use, others) =>
({
      message: `The guest name \`${use.text}\` is also used by ${others}`,
      help: "A host can run only one domain of a name, so creating the second fails. Give each guest its own name.",
    }),
    );
  },
};
