import { closestKeys, closestValue } from "../../catalog/suggest";
import type { FileRule } from "../../engine/types";
import { settingRange, stringSetting } from "../util/settings";
import { rewriteValue } from "../util/values-edits";
import { listOfValues } from "../util/values-enums";
import { shown } from "../util/values-read";
import { DEAD_SCHEDULERS, POOL_SCHEDULERS } from "../../catalog/cpupool-options";

/** A `sched` that `xl cpupool-create` or Xen refuses, or that xl ignores. */
export const cpupoolInvalidSched: FileRule = {
  id: "cpupool-invalid-sched",
  scope: "file",
  kinds: ["cpupool"],
  severity: "error",
  category: "correctness",
  fixable: "unsafe",
  summary: "A cpupool scheduler that xl or Xen refuses (`Unknown scheduler`, or `sedf`, gone since Xen 4.6)",
  docs: {
    description: [
      "`sched` picks the pool's scheduler by libxl's name for it, compared without regard to case:",
      `${listOfValues(POOL_SCHEDULERS)}. Any other word stops \`xl cpupool-create\` with "Unknown scheduler".`,
      "`sedf` (and `unknown`) are names libxl still knows, but Xen has had no such scheduler since 4.6, so the",
      "hypervisor refuses to create the pool. Old example files still suggest `sedf`.",
      "",
      "A `sched` written as a list is warned about and ignored, and the pool gets the scheduler Xen booted",
      "with. A name in another case works and is only noted. Whether `rtds`, `null` and `arinc653` exist",
      "depends on how the hypervisor was built (Xen's default build configuration includes them only in",
      "debug builds), which xlint cannot see.",
      "",
      "The fix writes the usual case of a name (safe), or, for a near misspelling of exactly one scheduler",
      "(`rtds2`), that scheduler; that fix is unsafe, as it guesses the intent.",
    ].join("\n"),
    invalid: [
      { kind: "cpupool", config: 'name = "pool-rt"\nsched = "rtds2"\ncpus = "4-7"\n', note: "Did you mean `rtds`?" },
      { kind: "cpupool", config: 'name = "pool-old"\nsched = "sedf"\ncpus = "4-7"\n' },
    ],
    valid: [{ kind: "cpupool", config: 'name = "pool-rt"\nsched = "rtds"\ncpus = "4-7"\n' }],
  },
  check(context) {
    const setting = context.setting("sched");
    if (!setting) return;
    if (setting.value.kind === "list") {
      context.report({
        range: settingRange(setting),
        severity: "warning",
        message: "`sched` must be a single string, not a list",
        help: "xl warns, ignores it and gives the pool the scheduler Xen booted with.",
      });
      return;
    }
    const value = stringSetting(context, "sched");
    if (!value) return;
    const word = value.value;
    if (POOL_SCHEDULERS.includes(word)) return;
    const folded = [...POOL_SCHEDULERS, ...DEAD_SCHEDULERS].find((s) => s.toLowerCase() === word.toLowerCase());
    if (folded !== undefined && POOL_SCHEDULERS.includes(folded)) {
      const edit = rewriteValue(setting.value, folded);
      context.report({
        range: value.range,
        severity: "info",
        message: `${shown(word)} works, as libxl ignores case, but the scheduler is called \`${folded}\``,
        ...(edit ? { fix: { title: `Write \`${folded}\``, safety: "safe" as const, edits: [edit] } } : {}),
      });
      return;
    }
    if (folded !== undefined) {
      context.report({
        range: value.range,
        message: `${shown(word)} is a scheduler Xen has not had since 4.6`,
        help: `libxl still knows the name, but creating the pool fails. Use ${listOfValues(POOL_SCHEDULERS)}.`,
      });
      return;
    }
    const candidates = closestKeys(word, POOL_SCHEDULERS, 2);
    const advice = candidates.length > 0 ? `Did you mean ${candidates.map((c) => `\`${c}\``).join(" or ")}?` : `Use ${listOfValues(POOL_SCHEDULERS)}.`;
    const clear = closestValue(word, POOL_SCHEDULERS);
    const edit = clear !== undefined && clear === candidates[0] ? rewriteValue(setting.value, clear) : undefined;
    context.report({
      range: value.range,
      message: `${shown(word)} is not a scheduler libxl knows`,
      help: `\`xl cpupool-create\` stops with "Unknown scheduler". ${advice}`,
      ...(edit && clear !== undefined ? { fix: { title: `Write \`${clear}\``, safety: "unsafe" as const, edits: [edit] } } : {}),
    });
  },
};
