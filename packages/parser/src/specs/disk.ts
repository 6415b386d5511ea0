/**
 * `parseDiskSpec(spec)`: a disk spec (`'phy:/dev/vg/a,xvda,w'`) read exactly as
 * Xen 4.17's xlu_disk_parse reads it: the shipped flex scanner's tokens
 * (disk-scanner.ts), the same actions on the same state (disk-state.ts), the
 * same defaults afterwards, and the same errors in the same order. Whatever
 * xl's parser rejects is a `fatal` problem; what libxl rejects later is left
 * to `checkDiskForLibxl` (disk-libxl.ts) so that this result stays comparable
 * with `xl-oracle disk`.
 */
import type { Span, SpecText } from "./spec-text";
import { scanDiskToken, type DiskFlagName, type DiskPrefixName, type DiskToken, type DiskValueKey } from "./disk-scanner";
import type { DiskSpecResult, DiskSpecToken } from "./disk-types";
import { DiskState, STRING_SLOTS, type Str } from "./disk-state";
import * as say from "./disk-messages";

export type * from "./disk-types";
export type { DiskFlagName, DiskPrefixName } from "./disk-scanner";
export { checkDiskForLibxl, type DiskLibxlOptions } from "./disk-libxl";
export { DISK_BACKEND_TYPES, DISK_FLAGS, DISK_FORMATS, DISK_KEYS, DISK_PROBLEM_CODES, DISK_SPECIFICATIONS } from "./disk-messages";

/** The scanner's actions: each token applied to the state as libxlu's rules do. */
class DiskParse extends DiskState {
  token(kind: DiskSpecToken["kind"], token: DiskToken, extra: Omit<Partial<DiskSpecToken>, "kind"> = {}): void {
    // One field at a time rather than `...extra`: every disk of a file goes through here on each lint, and spreading is slow.
    this.tokens.push({ kind, span: extra.span ?? { start: token.start, end: token.end }, name: extra.name, valueSpan: extra.valueSpan, slot: extra.slot });
  }

  /** The value of a `key=value` token, without its trailing comma. */
  parameterValue(token: DiskToken): Str {
    const start = this.text.indexOf("=", token.start) + 1;
    const end = this.text[token.end - 1] === "," && token.end - 1 >= start ? token.end - 1 : token.end;
    return this.str(start, end);
  }

  /** Applies one token; returns true when xl's scanner stops here. */
  apply(token: DiskToken): boolean {
    const { rule } = token;
    switch (rule.kind) {
      case "space":
        this.token("blank", token);
        return false;
      case "value": {
        const value = this.parameterValue(token);
        this.token("parameter", token, { name: rule.key, valueSpan: value.span });
        this.applyValue(rule.key, value);
        return false;
      }
      case "devtype": {
        const value = this.parameterValue(token);
        this.token("parameter", token, { name: "devtype", valueSpan: value.span });
        if (rule.devtype === "other") {
          const whole = this.text.slice(token.start, token.end);
          this.fail("unknown-devtype", "unknown value for type", whole, value.span, say.unknownDevtypeMessage(whole));
        } else {
          this.setCdrom(rule.devtype === "cdrom", value.span);
        }
        return false;
      }
      case "flag": {
        const end = this.text[token.end - 1] === "," ? token.end - 1 : token.end;
        const span = { start: token.start, end };
        this.token("flag", token, { name: rule.flag });
        this.flags.push({ value: rule.flag, span });
        this.applyFlag(rule.flag, span);
        return false;
      }
      case "target": {
        const value = this.parameterValue(token);
        this.token("target", token, { name: "target", valueSpan: value.span });
        this.saveString("target", "target", value);
        return false;
      }
      case "unknown-parameter": {
        const whole = this.text.slice(token.start, token.end);
        this.token("unknown-parameter", token, { name: whole.slice(0, whole.indexOf("=")) });
        this.fail("unknown-parameter", "unknown parameter", whole, { start: token.start, end: token.end }, say.unknownParameterMessage(whole));
        return false;
      }
      case "prefix":
        this.applyPrefix(token, rule.group);
        return false;
      case "unknown-prefix": {
        const whole = this.text.slice(token.start, token.end);
        this.token("unknown-prefix", token, { name: whole.slice(0, -1) });
        this.fail("unknown-prefix", "unknown deprecated disk prefix", whole, { start: token.start, end: token.end }, say.unknownPrefixMessage(whole));
        return true;
      }
      case "positional": {
        const end = this.text[token.end - 1] === "," ? token.end - 1 : token.end;
        const value = this.str(token.start, end);
        const { slot, stop } = this.positional(value);
        this.token("positional", token, { valueSpan: value.span, slot });
        this.lastPositional = { text: value.value, end: token.end };
        return stop;
      }
      case "bad-char":
        this.badChar(token);
        return true;
    }
  }

  applyValue(key: DiskValueKey, value: Str): void {
    switch (key) {
      case "format":
        return this.setFormat(value, "parameter");
      case "access":
        return this.setAccess(value);
      case "backendtype":
        return this.setBackendType(value);
      case "specification":
        return this.setSpecification(value);
      case "colo-port":
        return this.setColoPort(value);
      default: {
        const slot = STRING_SLOTS[key];
        if (slot) this.saveString(slot.field, slot.xlName, value);
      }
    }
  }

  applyFlag(flag: DiskFlagName, span: Span): void {
    const field = this.str(span.start, span.end);
    switch (flag) {
      case "cdrom":
        return this.setCdrom(true, span);
      case "direct-io-safe":
        this.disk.directIoSafe = true;
        this.fields.directIoSafe = field;
        return;
      case "discard":
      case "no-discard":
        this.disk.discard = flag === "discard";
        this.fields.discard = field;
        return;
      case "colo":
      case "no-colo":
        this.disk.colo = flag === "colo";
        this.fields.colo = field;
        return;
    }
  }

  applyPrefix(token: DiskToken, group: "format" | "script" | "skip"): void {
    const name = this.str(token.start, token.end - 1);
    this.token("prefix", token, { name: name.value, valueSpan: name.span });
    this.prefixes.push({ value: name.value as DiskPrefixName, span: name.span });
    this.hadPrefix = true;
    if (group === "format") this.setFormat(name, "prefix");
    else if (group === "script") this.saveString("script", "script", { value: `block-${name.value}`, span: name.span });
  }

  /**
   * A token starting with `=`: the scanner switches to its error state and
   * takes the rest of the line. At the very end of the string it just stops
   * (no error at all); right before a newline nothing matches and flex aborts.
   */
  badChar(token: DiskToken): void {
    const rest = this.text.indexOf("\n", token.end);
    const lineEnd = rest < 0 ? this.text.length : rest;
    this.token("bad", token, { span: { start: token.start, end: lineEnd } });
    if (token.end === this.text.length) return;
    const before = this.lastPositional?.end === token.start ? this.lastPositional.text : undefined;
    if (lineEnd === token.end) {
      this.fail("scanner-jammed", "flex scanner jammed", undefined, { start: token.start, end: token.end + 1 }, say.scannerJammedMessage());
      return;
    }
    const near = this.text.slice(token.start, lineEnd);
    this.fail("bad-syntax", "bad disk syntax", near, { start: token.start, end: lineEnd }, say.badSyntaxMessage(near, before));
  }
}

export function parseDiskSpec(spec: SpecText): DiskSpecResult {
  // xl passes a C string: a NUL ends it.
  const nul = spec.text.indexOf("\0");
  const text = nul >= 0 ? spec.text.slice(0, nul) : spec.text;
  const parse = new DiskParse(text);
  try {
    let at = 0;
    while (at < text.length) {
      const token = scanDiskToken(text, at);
      if (!token || token.end <= at) break; // cannot happen: some rule always takes a character
      at = token.end;
      if (parse.apply(token)) break;
    }
    if (!parse.failed) parse.finish();
  } catch (error) {
    // A bug of ours must not take the caller down: report it as a problem.
    const detail = error instanceof Error ? error.message : String(error);
    parse.problems.push({
      code: "internal-error",
      message: `xlint could not read this disk spec (internal error: ${detail}); please report it`,
      span: { start: 0, end: text.length },
      effect: "fatal",
      xlError: "internal error",
      near: undefined,
    });
  }
  return {
    text,
    accepted: !parse.failed,
    disk: parse.disk,
    fields: parse.fields,
    prefixes: parse.prefixes,
    flags: parse.flags,
    tokens: parse.tokens,
    problems: parse.problems,
  };
}
