/**
 * Fuzz findings as fixtures: `NAME.cfg` holds the input's bytes exactly (so
 * an editor or `xlint` can open it), `NAME.json` how it was found: seed and
 * index of the case, how it was made, the kind and host it was linted as,
 * the encoding its text was read with, and what broke. The fuzzer writes
 * them, fuzz-findings.test.ts replays every one through the same checks.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ByteEncoding } from "@xlint/parser";
import { repoRoot } from "../../../parser/test/helpers";
import type { FileKind } from "../../src/index";
import type { FuzzCase, HostName, Violation } from "./checks";

/**
 * packages/linter/test/fuzz-findings. Found from the parser tests' `repoRoot`
 * (three folders up from its module), which the fuzzer's bundle keeps right
 * by sitting three folders deep too (.cache/fuzz/bundle).
 */
export const findingsDir = path.join(repoRoot, "packages", "linter", "test", "fuzz-findings");

export interface FindingMeta {
  readonly seed: number;
  readonly index: number;
  readonly recipe: readonly string[];
  readonly kind: FileKind;
  readonly host: HostName;
  readonly encoding: ByteEncoding;
  /** The signatures (see `violationSignature`) this input shows. */
  readonly signatures: readonly string[];
  readonly violations: readonly Violation[];
  /** Length of the fuzzer's input before it was shrunk to this one. */
  readonly originalLength: number;
}

export interface Fixture {
  readonly name: string;
  readonly meta: FindingMeta;
  readonly case: FuzzCase;
}

const bytesOf = (text: string, encoding: ByteEncoding): Buffer => Buffer.from(text, encoding === "utf8" ? "utf8" : "latin1");

export function writeFixture(dir: string, name: string, c: FuzzCase, meta: FindingMeta): void {
  writeFileSync(path.join(dir, `${name}.cfg`), bytesOf(c.text, c.encoding));
  writeFileSync(path.join(dir, `${name}.json`), `${JSON.stringify(meta, null, 2)}\n`);
}

/** Every fixture of the folder, by name. */
export function readFixtures(dir: string): Fixture[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => {
      const name = f.slice(0, -".json".length);
      const meta = JSON.parse(readFileSync(path.join(dir, f), "utf8")) as FindingMeta;
      // Read back with the encoding it was found with: a shrunk latin1 input may have become valid UTF-8.
      const text = readFileSync(path.join(dir, `${name}.cfg`)).toString(meta.encoding === "utf8" ? "utf8" : "latin1");
      return { name, meta, case: { text, encoding: meta.encoding, kind: meta.kind, host: meta.host } };
    });
}
