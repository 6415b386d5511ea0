/**
 * The process as the commands see it: output streams, standard input, the
 * environment and the working directory. main.ts makes the real one.
 */
import { readFileSync } from "node:fs";

export interface Io {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): Uint8Array;
  /** Whether colours suit this stream by default (a terminal, NO_COLOR unset, FORCE_COLOR honoured). */
  colorDefault(stream: "stdout" | "stderr"): boolean;
  readonly stdoutIsTerminal: boolean;
  readonly stderrIsTerminal: boolean;
  /** Prints `xlint: message` on standard error and gives exit code 2. */
  fail(message: string): number;
}

export function processIo(): Io {
  const env = process.env;
  const stdoutIsTerminal = process.stdout.isTTY === true;
  const stderrIsTerminal = process.stderr.isTTY === true;
  const stderr = (text: string): void => void process.stderr.write(text);
  return {
    cwd: process.cwd(),
    env,
    stdout: (text) => void process.stdout.write(text),
    stderr,
    readStdin: () => readFileSync(0),
    colorDefault: (stream) => {
      if (env["NO_COLOR"] !== undefined && env["NO_COLOR"] !== "") return false;
      const force = env["FORCE_COLOR"];
      if (force !== undefined && force !== "" && force !== "0" && force !== "false") return true;
      if (env["TERM"] === "dumb") return false;
      return stream === "stdout" ? stdoutIsTerminal : stderrIsTerminal;
    },
    stdoutIsTerminal,
    stderrIsTerminal,
    fail: (message) => {
      stderr(`xlint: ${message}\n`);
      return 2;
    },
  };
}

/** Whether the report goes to a terminal (then the human-friendly format is the default). */
export function outputStream(io: Io): boolean {
  return io.stdoutIsTerminal;
}
