/** A fuzz case (the text, how it was read, what it is linted as) and what a check reports. */
import type { ByteEncoding } from "@xlint/parser";
import { DEFAULT_HOST, type FileKind, type HostProfile } from "../../src/index";

/** Hosts the cases are linted for: unknown facts (the default), and known ones, which switch on the host rules. */
export const FUZZ_HOSTS = {
  default: DEFAULT_HOST,
  known: { ...DEFAULT_HOST, bridges: ["xenbr0", "br0"], cpus: 8, numaNodes: 2, cpupools: ["Pool-0", "fast"], defaultBridge: "br0" },
  arm: { ...DEFAULT_HOST, arch: "arm", xenVersion: "4.11", cpus: 1, numaNodes: 1, bridges: [] },
} as const satisfies Record<string, HostProfile>;

export type HostName = keyof typeof FUZZ_HOSTS;

export interface FuzzCase {
  readonly text: string;
  readonly encoding: ByteEncoding;
  readonly kind: FileKind;
  readonly host: HostName;
}

export interface Violation {
  /**
   * Which stage broke: parse, format, lint or fix; for the fuzzer, `time` (a case over its time
   * limit, or that never finished) and `crash` (its thread died: out of memory, say).
   */
  readonly check: "parse" | "format" | "lint" | "fix" | "time" | "crash";
  readonly message: string;
}
