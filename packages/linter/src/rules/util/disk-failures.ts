/**
 * Which rule reports a disk spec xl's parser refuses. xl stops at the first
 * error of a spec, so each refused spec gets exactly one finding, from the
 * most specific rule that explains it; `disk-invalid-spec` takes the rest.
 */
import { decodeVdev, type DiskProblem, type DiskSpecToken } from "@xlint/parser";
import type { HostProfile } from "../../engine/host";
import { hasOldDiskScanner, type DiskEntry } from "./disk-entries";

export type DiskFailureRule =
  | "disk-trusted-flag"
  | "disk-xm-positional"
  | "disk-shared-writable"
  | "disk-missing-vdev"
  | "disk-missing-target"
  | "disk-invalid-spec";

export interface DiskFailure {
  readonly rule: DiskFailureRule;
  /** xl's first error for the spec. */
  readonly problem: DiskProblem;
}

/** xm's shared-writable access words. */
const SHARED_WRITABLE = new Set(["w!", "!w", "rw!"]);

/** `trusted`/`untrusted` read as positional fields by a pre-4.19 scanner, in order. */
export function trustedWords(entry: DiskEntry, host: HostProfile): DiskSpecToken[] {
  if (!hasOldDiskScanner(host)) return [];
  return entry.result.tokens.filter((t) => {
    if (t.kind !== "positional" || !t.valueSpan) return false;
    const word = entry.spec.text.slice(t.valueSpan.start, t.valueSpan.end);
    return word === "trusted" || word === "untrusted";
  });
}

/** A positional field that names a disk (`xvda`, `hdc:cdrom`), as xm's `TARGET,VDEV,ACCESS` form has in second place. */
function looksLikeNamedVdev(field: string): boolean {
  const name = field.split(":")[0] ?? "";
  const info = decodeVdev(name);
  return info.valid && info.kind !== "numeric";
}

/** The positional token the problem points at, if it is one. */
function positionalAt(entry: DiskEntry, problem: DiskProblem): DiskSpecToken | undefined {
  return entry.result.tokens.find((t) => t.kind === "positional" && t.valueSpan?.start === problem.span.start && t.valueSpan.end === problem.span.end);
}

export function diskFailure(entry: DiskEntry, host: HostProfile): DiskFailure | undefined {
  const problem = entry.result.problems[0];
  if (!problem) return undefined;
  const trusted = trustedWords(entry, host)[0];
  if (trusted && trusted.span.start <= problem.span.start) return { rule: "disk-trusted-flag", problem };
  switch (problem.code) {
    case "unknown-format": {
      const token = positionalAt(entry, problem);
      const xmForm = token?.slot === "format" && entry.result.prefixes.length === 0 && looksLikeNamedVdev(problem.near ?? "");
      return { rule: xmForm ? "disk-xm-positional" : "disk-invalid-spec", problem };
    }
    case "unknown-access":
      return { rule: SHARED_WRITABLE.has(problem.near ?? "") ? "disk-shared-writable" : "disk-invalid-spec", problem };
    case "no-vdev":
      return { rule: "disk-missing-vdev", problem };
    case "no-target":
      return { rule: "disk-missing-target", problem };
    default:
      return { rule: "disk-invalid-spec", problem };
  }
}

/** The refused specs a rule reports, with xl's first error. */
export function failuresFor(entries: readonly DiskEntry[], host: HostProfile, rule: DiskFailureRule): { entry: DiskEntry; problem: DiskProblem }[] {
  const out: { entry: DiskEntry; problem: DiskProblem }[] = [];
  for (const entry of entries) {
    const failure = diskFailure(entry, host);
    if (failure?.rule === rule) out.push({ entry, problem: failure.problem });
  }
  return out;
}
