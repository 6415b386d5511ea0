/**
 * A progress line on standard error for runs that take more than about a
 * second, on a terminal only (never in pipes, CI logs or files). It is
 * rewritten in place and cleared before the report is printed.
 */
import type { Io } from "./io";

const DELAY_MS = 1000;

export class Progress {
  private readonly started = Date.now();
  private shown = false;
  private lastDrawn = 0;

  constructor(private readonly io: Io) {}

  /** Shows `xlint: <what>…` once the run has taken long enough. */
  update(what: string): void {
    if (!this.io.stderrIsTerminal) return;
    const now = Date.now();
    // Late enough to matter, and at most ten redraws a second.
    if (now - this.started < DELAY_MS || now - this.lastDrawn < 100) return;
    this.lastDrawn = now;
    this.io.stderr(`\r\x1b[2Kxlint: ${what}…`);
    this.shown = true;
  }

  done(): void {
    if (this.shown) this.io.stderr("\r\x1b[2K");
    this.shown = false;
  }
}
