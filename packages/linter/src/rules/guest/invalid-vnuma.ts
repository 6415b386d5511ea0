import type { FileRule } from "../../engine/types";
import { vnumaOf, vnumaProblemRange } from "../util/guest-cpus";
import { problemFinding } from "../util/finding-text";

/** PoD with vNUMA is one of pod-conflict's reasons; reported there once. */
const REPORTED_ELSEWHERE = new Set(["vnuma-with-pod"]);

/**
 * libxl checks the vCPU placement only while building the domain, after the
 * checks xl-oracle runs; these stay warnings so that an `error` is always a
 * refusal confirmed before anything is created.
 */
const CHECKED_WHILE_BUILDING = new Set(["vcpu-in-two-vnodes", "vcpu-unassigned"]);

/** A `vnuma` list xl or libxl refuses, or reads differently from what it says. */
export const invalidVnuma: FileRule = {
  id: "invalid-vnuma",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "A `vnuma` list that xl or libxl refuses (malformed, totals not matching, PV guest) or partly ignores",
  docs: {
    description: [
      "`vnuma` describes the guest's virtual NUMA nodes, one list per node of `\"key=value\"` strings:",
      "`pnode`, `size` (MiB), `vcpus` and `vdistances`. xl refuses a node that is not a list, an item without",
      "`=`, a value that is not a number, and totals that disagree with the rest of the config: the nodes'",
      "vCPUs must equal `maxvcpus` and their sizes `maxmem` when those are set. libxl then refuses vNUMA on",
      "PV guests.",
      "",
      "Warnings: vCPUs that are in no node or in two (libxl notices only while building the domain, when",
      "creation fails), unknown keys (ignored), junk after a number (ignored), and a distance list that",
      "does not have one entry per node.",
    ].join("\n"),
    invalid: [
      {
        config: 'name = "db01"\ntype = "hvm"\nmemory = 2048\nmaxvcpus = 4\nvnuma = [ [ "pnode=0", "size=1024", "vcpus=0-1", "vdistances=10,20" ],\n          [ "pnode=0", "size=1024", "vcpus=2", "vdistances=20,10" ] ]\n',
        note: "The nodes hold 3 vCPUs, maxvcpus says 4.",
      },
      { config: 'name = "db01"\ntype = "pv"\nkernel = "/boot/vmlinuz"\nmemory = 1024\nvnuma = [ [ "pnode=0", "size=1024", "vcpus=0", "vdistances=10" ] ]\n', note: "PV guests cannot have vNUMA." },
    ],
    valid: [
      {
        config: 'name = "db01"\ntype = "hvm"\nmemory = 2048\nmaxvcpus = 4\nvnuma = [ [ "pnode=0", "size=1024", "vcpus=0-1", "vdistances=10,20" ],\n          [ "pnode=0", "size=1024", "vcpus=2-3", "vdistances=20,10" ] ]\n',
      },
    ],
  },
  check(context) {
    const vnuma = vnumaOf(context);
    if (!vnuma) return;
    for (const problem of vnuma.config.problems) {
      if (REPORTED_ELSEWHERE.has(problem.code)) continue;
      const fatal = (problem.effect === "fatal" || problem.effect === "libxl-fatal") && !CHECKED_WHILE_BUILDING.has(problem.code);
      context.report({
        ...(fatal ? {} : { severity: "warning" as const }),
        range: vnumaProblemRange(context, problem),
        ...problemFinding(problem.message),
      });
    }
  },
};
