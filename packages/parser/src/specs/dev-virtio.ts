/**
 * `virtio = [ 'backend=DOM,type=virtio,device22,transport=mmio' ]` arrived
 * in Xen 4.18 (Arm guests). xl 4.17 never looks at the key, so whatever it
 * holds is silently ignored; this parser reads it with 4.18's rules so that
 * the config is right once the host is upgraded. Every problem's effect is
 * what 4.17 does (silent); the message says what 4.18 and later would do.
 */
import type { SpecField, SpecProblem, SpecText } from "./spec-text";
import { emptyBackendProblem, sliceField, matchXlOption, devProblem, quoteForMessage, readStrtoulValue, skipSpaceChars, sliceSpan, strtokSlices, type SpecSlice } from "./dev-common";

export interface VirtioSpec {
  readonly backend: SpecField<string> | undefined;
  /** `virtio,deviceNN` style type, comma included. */
  readonly type: SpecField<string> | undefined;
  readonly transport: SpecField<"mmio"> | undefined;
  readonly grantUsage: SpecField<boolean> | undefined;
  readonly problems: readonly SpecProblem[];
}

export function parseVirtio(spec: SpecText): VirtioSpec {
  const problems: SpecProblem[] = [
    devProblem(
      "needs-xen-4.18",
      "`virtio` devices exist from Xen 4.18 on (Arm guests): xl 4.17 silently ignores this setting, so the guest gets no virtio device",
      { start: 0, end: spec.text.length },
      "silent",
    ),
  ];
  const later = (code: string, what: string, piece: SpecSlice): void => {
    problems.push(devProblem(code, `${what}: Xen 4.18 and later refuse the config (4.17 ignores it)`, sliceSpan(piece), "silent"));
  };
  let backend: SpecField<string> | undefined;
  let type: SpecField<string> | undefined;
  let transport: SpecField<"mmio"> | undefined;
  let grantUsage: SpecField<boolean> | undefined;
  const tokens = strtokSlices(spec.text, ",");
  for (let i = 0; i < tokens.length; i++) {
    const token = skipSpaceChars(tokens[i] as SpecSlice);
    let value: SpecSlice | undefined;
    if ((value = matchXlOption(token, "backend"))) {
      backend = sliceField(value.text, value);
      const empty = emptyBackendProblem(value, "virtio");
      if (empty) problems.push(empty);
    } else if ((value = matchXlOption(token, "type"))) {
      if (value.text.startsWith("virtio")) {
        // 4.18 glues the next comma-separated token back on: `type=virtio,device22`.
        const next = tokens[i + 1];
        if (!next) {
          problems.push(devProblem("type-without-device", "`type=virtio…` must be followed by `,device<N>`: Xen 4.18 and later crash on it (4.17 ignores it)", sliceSpan(value), "silent"));
          continue;
        }
        i++;
        type = { value: `${value.text},${next.text}`, span: { start: value.start, end: next.end } };
      } else {
        type = sliceField(value.text, value);
        later("unknown-type", `type ${quoteForMessage(value.text)} does not start with \`virtio\``, value);
      }
    } else if ((value = matchXlOption(token, "transport"))) {
      if (value.text.toLowerCase() === "mmio") transport = sliceField("mmio", value);
      else later("unknown-transport", `transport ${quoteForMessage(value.text)} is not \`mmio\``, value);
    } else if ((value = matchXlOption(token, "grant_usage"))) {
      grantUsage = sliceField(readStrtoulValue(value, "grant_usage", 1, problems) !== 0n, value);
    } else {
      later("unknown-key", `${quoteForMessage(token.text)} is not a virtio setting (backend=, type=, transport=, grant_usage=)`, token);
    }
  }
  return { backend, type, transport, grantUsage, problems };
}
