/**
 * `vfb = [ 'vnc=1,vnclisten=…,…' ]` as xl 4.17 reads each item. Unlike the
 * other devices, xl ignores keys it does not know without a word (so xm's
 * `type=vnc` / `type=sdl` does nothing), reads the numbers with `atoi` (so
 * `vnc=yes` means 0) and stops at the first token without `=`.
 */
import type { SpecField, SpecProblem, SpecText } from "./spec-text";
import { sliceField, keyValueSlices, noteRepeatedKey, devProblem, quoteForMessage, readAtoiValue, sliceSpan, stoppedAtTokenProblem, type SpecSlice } from "./dev-common";

export interface VfbSpec {
  readonly vnc: SpecField<number> | undefined;
  readonly vnclisten: SpecField<string> | undefined;
  readonly vncpasswd: SpecField<string> | undefined;
  readonly vncdisplay: SpecField<number> | undefined;
  readonly vncunused: SpecField<number> | undefined;
  readonly sdl: SpecField<number> | undefined;
  readonly opengl: SpecField<number> | undefined;
  readonly display: SpecField<string> | undefined;
  readonly xauthority: SpecField<string> | undefined;
  readonly keymap: SpecField<string> | undefined;
  readonly problems: readonly SpecProblem[];
}

const NUMBER_KEYS = ["vnc", "vncdisplay", "vncunused", "sdl", "opengl"] as const;
const STRING_KEYS = ["vnclisten", "vncpasswd", "display", "xauthority", "keymap"] as const;
type NumberKey = (typeof NUMBER_KEYS)[number];
type StringKey = (typeof STRING_KEYS)[number];

function isNumberKey(key: string): key is NumberKey {
  return (NUMBER_KEYS as readonly string[]).includes(key);
}
function isStringKey(key: string): key is StringKey {
  return (STRING_KEYS as readonly string[]).includes(key);
}

export function parseVfb(spec: SpecText): VfbSpec {
  const problems: SpecProblem[] = [];
  const { pairs, stoppedAt } = keyValueSlices(spec);
  const seen = new Map<string, SpecSlice>();
  const numbers: Partial<Record<NumberKey, SpecField<number>>> = {};
  const strings: Partial<Record<StringKey, SpecField<string>>> = {};
  for (const { key, value, token } of pairs) {
    noteRepeatedKey(seen, key, "vfb", problems);
    if (isNumberKey(key.text)) {
      numbers[key.text] = sliceField(readAtoiValue(value, key.text, problems), value);
    } else if (isStringKey(key.text)) {
      strings[key.text] = sliceField(value.text, value);
    } else if (key.text === "type") {
      const wanted = value.text === "sdl" ? "write `sdl=1,vnc=0`" : "VNC is already on by default; for SDL write `sdl=1,vnc=0`";
      problems.push(
        devProblem("xm-type", `\`type=${value.text}\` is xm syntax that xl silently ignores; ${wanted}`, sliceSpan(token), "silent"),
      );
    } else {
      problems.push(
        devProblem(
          "unknown-key",
          `${quoteForMessage(key.text)} is not a vfb setting: xl silently ignores it; vfb keys are vnc, vnclisten, vncpasswd, vncdisplay, vncunused, sdl, opengl, display, xauthority and keymap`,
          sliceSpan(token),
          "silent",
        ),
      );
    }
  }
  if (stoppedAt) problems.push(stoppedAtTokenProblem(stoppedAt, "vfb"));
  const vncOn = numbers.vnc === undefined || numbers.vnc.value !== 0;
  const listen = strings.vnclisten;
  if (vncOn && listen?.value.includes(":") && numbers.vncdisplay && numbers.vncdisplay.value !== 0) {
    problems.push(
      devProblem(
        "display-twice",
        "the VNC display is given both in `vnclisten` (after the `:`) and in `vncdisplay`: libxl refuses to start the display; keep only one",
        numbers.vncdisplay.span,
        "libxl-fatal",
      ),
    );
  }
  return {
    vnc: numbers.vnc,
    vnclisten: strings.vnclisten,
    vncpasswd: strings.vncpasswd,
    vncdisplay: numbers.vncdisplay,
    vncunused: numbers.vncunused,
    sdl: numbers.sdl,
    opengl: numbers.opengl,
    display: strings.display,
    xauthority: strings.xauthority,
    keymap: strings.keymap,
    problems,
  };
}
