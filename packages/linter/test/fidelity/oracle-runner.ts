/**
 * Runs `xl-oracle check --deep` (real xl 4.17 plus libxl's pre-hypervisor
 * checks) on files and texts, a few processes at a time, and remembers each
 * answer for the rest of the run. `checkTextWithJson` also keeps what xl
 * built (the JSON domain config on stdout), for tests that compare results.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ByteEncoding } from "@xlint/parser";

/** stderr lines that are not warnings (see `accepted` below). */
const NOT_A_WARNING = /^got a tsc mode string: /;

/**
 * - `accepted`: exit 0 and nothing on stderr but `Parsing config from …`
 *   (and the debugging line xl 4.17/4.18 print for every string `tsc_mode`,
 *   `got a tsc mode string: …`, which warns of nothing and was removed in 4.19);
 * - `warned`: exit 0 with any other line (a warning xl or libxl printed);
 * - `rejected`: exit 1;
 * - `no-verdict`: anything else (exit 2: the oracle could not judge).
 */
export type XlVerdict = "accepted" | "warned" | "rejected" | "no-verdict";

export interface XlResult {
  readonly verdict: XlVerdict;
  readonly exit: number | null;
  /** stderr without the `Parsing config from` line; the file's path reads `<file>`. */
  readonly messages: readonly string[];
}

/** An `XlResult` with xl's JSON domain config: present exactly when xl accepted (exit 0). */
export interface XlJsonResult extends XlResult {
  readonly json: unknown;
}

/** A counting semaphore: at most `limit` oracle processes at once (the machine has two cores). */
class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

export function verdictOf(exit: number | null, messages: readonly string[]): XlVerdict {
  if (exit === 0) return messages.length > 0 ? "warned" : "accepted";
  if (exit === 1) return "rejected";
  return "no-verdict";
}

export class OracleRunner {
  private readonly limiter: Limiter;
  private readonly cache = new Map<string, Promise<XlResult>>();
  // Apart from `cache`, so the callers of checkFile/checkText get exactly the objects they always got.
  private readonly jsonCache = new Map<string, Promise<XlJsonResult>>();
  private readonly dir = mkdtempSync(path.join(tmpdir(), "xlint-fidelity-"));
  private written = 0;

  constructor(
    private readonly oracle: string,
    concurrency = 2,
  ) {
    this.limiter = new Limiter(concurrency);
  }

  /** A file on disk, judged where it is. */
  checkFile(file: string): Promise<XlResult> {
    return this.cached(`file:${file}`, async () => (await this.spawnCheck(file)).result);
  }

  /** A text, written to a temporary file in the given encoding; equal texts are judged once. */
  checkText(text: string, encoding: ByteEncoding): Promise<XlResult> {
    return this.cached(`${encoding}:${text}`, () => this.withTextFile(text, encoding, async (file) => (await this.spawnCheck(file)).result));
  }

  /**
   * Like `checkText`, plus xl's JSON domain config when it accepted. The JSON
   * is the same with or without `--deep` (the deep checks run on a copy), so
   * `--deep` only adds libxl's verdict.
   */
  checkTextWithJson(text: string, encoding: ByteEncoding): Promise<XlJsonResult> {
    const key = `${encoding}:${text}`;
    let result = this.jsonCache.get(key);
    if (!result) {
      result = this.limiter.run(() =>
        this.withTextFile(text, encoding, async (file) => {
          const { result: xl, stdout } = await this.spawnCheck(file);
          return { ...xl, json: xl.exit === 0 ? parseJson(stdout) : undefined };
        }),
      );
      this.jsonCache.set(key, result);
    }
    return result;
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  private cached(key: string, make: () => Promise<XlResult>): Promise<XlResult> {
    let result = this.cache.get(key);
    if (!result) {
      result = this.limiter.run(make);
      this.cache.set(key, result);
    }
    return result;
  }

  /** Writes the text to a temporary file in the given encoding for the duration of `use`. */
  private async withTextFile<T>(text: string, encoding: ByteEncoding, use: (file: string) => Promise<T>): Promise<T> {
    const file = path.join(this.dir, `config-${this.written++}.cfg`);
    writeFileSync(file, Buffer.from(text, encoding === "latin1" ? "latin1" : "utf8"));
    try {
      return await use(file);
    } finally {
      rmSync(file, { force: true });
    }
  }

  private spawnCheck(file: string): Promise<{ result: XlResult; stdout: string }> {
    return new Promise((resolve) => {
      execFile(this.oracle, ["check", "--deep", file], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        const code = error ? (error as { code?: unknown }).code : 0;
        const exit = typeof code === "number" ? code : null;
        const messages = stderr
          .split(file)
          .join("<file>")
          .split("\n")
          .filter((line) => line.trim() !== "" && !line.startsWith("Parsing config from ") && !NOT_A_WARNING.test(line));
        if (exit === null && error) messages.push(`(xl-oracle did not run: ${error.message})`);
        resolve({ result: { verdict: verdictOf(exit, messages), exit, messages }, stdout });
      });
    });
  }
}

/**
 * xl's stdout as JSON. Text that does not parse (an `output_format` switched
 * to SXP, a truncated write) is kept as the raw string, so a comparison
 * still sees it change.
 */
function parseJson(stdout: string): unknown {
  try {
    return JSON.parse(stdout) as unknown;
  } catch {
    return stdout;
  }
}
