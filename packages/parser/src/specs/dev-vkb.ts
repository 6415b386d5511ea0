/**
 * `vkb = [ 'backend-type=linux,…' ]` as xl 4.17 reads each item: tokens are
 * `key=value` (matched as a `key=` prefix, so a token without `=` is an
 * unknown string), any unknown token is fatal, `backend-type` (`qemu` or
 * `linux`, any case) is required, and multi-touch needs its dimensions.
 */
import type { SpecField, SpecProblem, SpecText } from "./spec-text";
import { emptyBackendProblem, sliceField, matchXlOption, noteRepeatedKey, devProblem, quoteForMessage, readStrtoulValue, skipSpaceChars, sliceSpan, strtokSlices, type SpecSlice } from "./dev-common";

export type VkbBackendType = "qemu" | "linux";

const NUMBER_KEYS = [
  ["feature-disable-keyboard", 1],
  ["feature-disable-pointer", 1],
  ["feature-abs-pointer", 1],
  ["feature-raw-pointer", 1],
  ["feature-multi-touch", 1],
  ["multi-touch-width", 32],
  ["multi-touch-height", 32],
  ["multi-touch-num-contacts", 32],
  ["width", 32],
  ["height", 32],
] as const;

export type VkbNumberKey = (typeof NUMBER_KEYS)[number][0];

export interface VkbSpec {
  readonly backend: SpecField<string> | undefined;
  readonly backendType: SpecField<VkbBackendType> | undefined;
  readonly uniqueId: SpecField<string> | undefined;
  /** The numeric keys, as stored (flags are 0 or 1). */
  readonly numbers: ReadonlyMap<VkbNumberKey, SpecField<bigint>>;
  readonly problems: readonly SpecProblem[];
}

export function parseVkb(spec: SpecText): VkbSpec {
  const problems: SpecProblem[] = [];
  const numbers = new Map<VkbNumberKey, SpecField<bigint>>();
  const seen = new Map<string, SpecSlice>();
  let backend: SpecField<string> | undefined;
  let backendType: SpecField<VkbBackendType> | undefined;
  let backendTypeSeen = false;
  let uniqueId: SpecField<string> | undefined;
  for (const raw of strtokSlices(spec.text, ",")) {
    const token = skipSpaceChars(raw);
    const key = token.text.split("=")[0] ?? "";
    let value: SpecSlice | undefined;
    if ((value = matchXlOption(token, "backend"))) {
      backend = sliceField(value.text, value);
      const empty = emptyBackendProblem(value, "vkb");
      if (empty) problems.push(empty);
    } else if ((value = matchXlOption(token, "backend-type"))) {
      backendTypeSeen = true;
      const lower = value.text.toLowerCase();
      if (lower === "qemu" || lower === "linux") {
        backendType = sliceField(lower, value);
      } else if (lower === "unknown") {
        // libxl's enum parser knows the placeholder name, so xl takes it and then finds no type.
        backendType = undefined;
      } else {
        problems.push(devProblem("unknown-backend-type", `backend-type ${quoteForMessage(value.text)} is not \`qemu\` or \`linux\`: xl refuses the config; use one of those two`, sliceSpan(value), "fatal"));
      }
    } else if ((value = matchXlOption(token, "unique-id"))) {
      uniqueId = sliceField(value.text, value);
    } else {
      const numeric = NUMBER_KEYS.find(([name]) => matchXlOption(token, name));
      value = numeric ? matchXlOption(token, numeric[0]) : undefined;
      if (!numeric || !value) {
        problems.push(
          devProblem(
            "unknown-key",
            `${quoteForMessage(token.text)} is not a vkb setting: xl refuses the config; every vkb token is key=value with a key from xl.cfg(5) (backend-type, backend, unique-id, feature-*, width, height, multi-touch-*)`,
            sliceSpan(token),
            "fatal",
          ),
        );
        continue;
      }
      numbers.set(numeric[0], sliceField(readStrtoulValue(value, numeric[0], numeric[1], problems), value));
    }
    noteRepeatedKey(seen, { ...token, text: key, end: token.start + key.length }, "vkb", problems);
  }
  const whole = { start: 0, end: spec.text.length };
  if (!backendType && !problems.some((p) => p.code === "unknown-backend-type")) {
    const why = backendTypeSeen ? "`backend-type=unknown` counts as not set" : "it is required";
    problems.push(devProblem("missing-backend-type", `this vkb has no usable \`backend-type=\` (${why}): xl refuses the config; add backend-type=qemu or backend-type=linux`, whole, "fatal"));
  }
  const dimension = (["multi-touch-width", "multi-touch-height", "multi-touch-num-contacts"] as const).some((k) => (numbers.get(k)?.value ?? 0n) !== 0n);
  const multiTouch = numbers.get("feature-multi-touch");
  if (multiTouch && multiTouch.value !== 0n && !dimension) {
    problems.push(
      devProblem(
        "multi-touch-without-size",
        "`feature-multi-touch` is on but no multi-touch dimension is set: xl refuses the config; give multi-touch-width, multi-touch-height and multi-touch-num-contacts",
        multiTouch.span,
        "fatal",
      ),
    );
  }
  return { backend, backendType, uniqueId, numbers, problems };
}
