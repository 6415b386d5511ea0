/**
 * The `rdm` value (`rdm = "strategy=host"`), read the way Xen 4.17's
 * `xlu_rdm_parse` reads it, bug included: that function treats a VALID
 * `policy=` as a parse error, and xl ignores a failed `rdm` without a word,
 * so any valid policy throws away the whole value (`strategy=host` too).
 * Nothing here stops `xl create`; at worst the setting is lost.
 *
 * Also true of 4.17: xl never sets the policy from this value (only
 * per-device `rdm_policy=` works), and when the parse succeeds it copies
 * fields the parser did not write, so they hold whatever was in memory.
 */
import type { SpecField, SpecProblem, SpecText, Span } from "./spec-text";

export interface RdmSpec {
  readonly text: string;
  /** The last `strategy=` that xl read (only `host` exists). */
  readonly strategy: SpecField<"host"> | undefined;
  /** The last `policy=` as written. */
  readonly policy: SpecField<string> | undefined;
  /** Whether xl keeps the value; when false xl ignores the whole `rdm` setting. */
  readonly applied: boolean;
  readonly problems: readonly SpecProblem[];
}

/** Reads an `rdm` value exactly as xl 4.17 does. Never throws. */
export function parseRdm(spec: SpecText): RdmSpec {
  const text = spec.text;
  const problems: SpecProblem[] = [];
  let strategy: SpecField<"host"> | undefined;
  let policy: SpecField<string> | undefined;
  const finish = (applied: boolean): RdmSpec => ({ text, strategy, policy, applied, problems });
  const dropped = (code: string, message: string, span: Span, printed: boolean): RdmSpec => {
    problems.push({ code, message, span, effect: printed ? "warning" : "silent" });
    return finish(false);
  };

  // xl's state machine: read a key up to `=`, then a value up to `,` or the
  // end; a `,` goes back to reading a key and the end of text finishes.
  let state: "key" | "strategy" | "policy" | "done" = "key";
  let tokenStart = 0;
  let keyStart = 0;
  for (let at = 0; at <= text.length; at++) {
    const ch = at < text.length ? text[at] : "\0";
    if (state === "key") {
      if (ch !== "=") continue;
      const key = text.slice(tokenStart, at);
      keyStart = tokenStart;
      if (key === "strategy") state = "strategy";
      else if (key === "policy") state = "policy";
      else {
        const hint = /^[\s,]|\s$/.test(key) ? " (xl allows no spaces or empty items here)" : "";
        return dropped(
          "unknown-key",
          `\`${key}\` is not an rdm option${hint}: xl prints "Unknown RDM state option" and ignores the whole rdm setting; the options are strategy and policy`,
          { start: tokenStart, end: at },
          true,
        );
      }
      tokenStart = at + 1;
    } else if (state === "strategy" || state === "policy") {
      if (ch !== "," && ch !== "\0") continue;
      const value = text.slice(tokenStart, at);
      const valueSpan: Span = { start: tokenStart, end: at };
      if (state === "strategy") {
        if (value !== "host") {
          return dropped(
            "unknown-strategy",
            `rdm strategy \`${value}\` is not \`host\` (lowercase): xl prints "Unknown RDM strategy option" and ignores the whole rdm setting`,
            valueSpan,
            true,
          );
        }
        strategy = { value: "host", span: valueSpan };
      } else {
        policy = { value, span: valueSpan };
        const known = ["strict", "relaxed", "invalid"].includes(value.toLowerCase());
        if (known) {
          return dropped(
            "policy-drops-value",
            `a valid \`policy=\` makes xl 4.17 silently ignore the whole rdm value, \`strategy=host\` included: a bug makes it treat the value as broken; remove \`policy=\` here and set \`rdm_policy=\` on each pci device instead`,
            { start: keyStart, end: at },
            false,
          );
        }
        problems.push({
          code: "unknown-policy",
          message: `rdm policy \`${value}\` is not \`strict\` or \`relaxed\`: xl prints "Unknown RDM policy" and keeps no policy (a valid one would hit xl 4.17's bug, so remove \`policy=\`)`,
          span: valueSpan,
          effect: "warning",
        });
      }
      state = ch === "," ? "key" : "done";
      tokenStart = at + 1;
    }
  }
  if (state === "done") {
    if (strategy === undefined) {
      problems.push({
        code: "no-strategy",
        message: "the rdm value has no `strategy=`, yet xl accepts it and copies a strategy it never set (whatever was in memory); write `strategy=host`",
        span: { start: 0, end: text.length },
        effect: "silent",
      });
    }
    return finish(true);
  }
  const tail: Span = { start: Math.min(tokenStart, text.length), end: text.length };
  if (text === "") return dropped("empty", "the rdm value is empty: xl silently ignores it; write `strategy=host` or remove the setting", tail, false);
  if (tokenStart === text.length && text.endsWith(",")) {
    return dropped("trailing-comma", "the rdm value ends with a comma, which xl treats as an error and silently ignores the whole setting; remove the comma", { start: text.length - 1, end: text.length }, false);
  }
  return dropped(
    "missing-value",
    `\`${text.slice(tokenStart)}\` has no \`=value\`: xl silently ignores the whole rdm setting; write \`strategy=host\``,
    tail,
    false,
  );
}
