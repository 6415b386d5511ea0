/**
 * The guest rules against the real xl 4.17 (xl-oracle check --deep) on
 * generated configs (see generate.ts; fixed seed), where every reason xl has
 * to refuse a config or to warn about it lies in the guest family's domain:
 *
 * - every config xl refuses gets an error from the guest rule that reports
 *   xl's own reason (the first one xl finds);
 * - no config xl accepts gets an error from a guest rule;
 * - every warning xl prints about the guest's boot or labels gets a finding.
 *
 * The figures (configs, refused, agreement) are printed.
 */
import { afterAll, describe, expect, it } from "vitest";
import { oraclePath, oracleUnavailableReason } from "../../../../parser/test/helpers";
import { seededRandom } from "../../../../parser/test/random";
import { MAX_NO_VERDICT } from "../../fidelity/figures";
import { OracleRunner, type XlResult } from "../../fidelity/oracle-runner";
import { guestRules } from "../../../src/rules/guest";
import { generateGuestConfig } from "./generate";
import { lint } from "./helpers";
import { ORACLE_HOST } from "../lint-helpers";

const unavailable = oracleUnavailableReason();
const COUNT = 1500;
const SEED = 0x6e57_2024;
const GUEST_RULE_IDS = new Set(guestRules.map((r) => r.id));

/** xl's warnings that a guest rule must explain. */
const GUEST_WARNINGS = [/ignoring root= and extra= in favour of cmdline=/, /using "kernel" directive to override HVM guest firmware/, /XSM Disabled/];

/** For each reason xl or libxl gives for refusing a config, the guest rules that must report it as an error. */
const RULE_FOR_REASON: readonly (readonly [RegExp, readonly string[]])[] = [
  [/Domain name must be specified/, ["missing-name"]],
  [/Invalid domain type/, ["invalid-type", "invalid-builder"]],
  [/Contradicting "builder" and "type"/, ["builder-contradicts-type"]],
  [/Failed to parse UUID/, ["invalid-uuid"]],
  [/Neither kernel nor bootloader/, ["missing-kernel"]],
  [/both kernel and firmware/, ["kernel-and-firmware"]],
  [/only pvgrub/, ["invalid-firmware"]],
  [/"timer_mode" option is not supported for PV/, ["timer-mode-on-pv"]],
  [/maxvcpus < vcpus/, ["maxvcpus-below-vcpus"]],
  [/Unable to allocate cpumap/, ["vcpus-below-one"]],
  [/Invalid pcpu range|Can't combine/, ["invalid-cpulist"]],
  [/affinity map is empty/, ["invalid-cpulist", "cpus-outside-host"]],
  [/Illegal pool specified/, ["unknown-cpupool"]],
  // Before the vNUMA reasons: "Cannot enable PoD and vNUMA" is PoD's.
  [/PoD/, ["pod-conflict"]],
  [/vnuma|pnode|failed to split|failed to convert|cannot get vnode/i, ["invalid-vnuma"]],
  [/passthrough not yet supported for x86 PVH/, ["passthrough-on-pvh"]],
  [/passthrough disabled but devices|share_pt/, ["passthrough-conflicts"]],
  [/nestedhvm and altp2mhvm/, ["nestedhvm-with-altp2m"]],
  [/direct boot parameters specified but kernel missing/, ["direct-boot-without-kernel"]],
  [/bios=rombios|qxl/, ["device-model-conflict"]],
];

/** The rules that must have an error for xl's first reason, or undefined when the reason is not known here. */
function expectedRules(messages: readonly string[]): readonly string[] | undefined {
  for (const message of messages) {
    const found = RULE_FOR_REASON.find(([reason]) => reason.test(message));
    if (found) return found[1];
  }
  return undefined;
}

/** The rules the generated configs are built to trigger (the Arm rules need another host). */
const EXERCISED = [...GUEST_RULE_IDS].filter((id) => !id.startsWith("arm-") && id !== "arch-specific-key");

interface Judged {
  readonly text: string;
  readonly xl: XlResult;
  readonly errors: string[];
  readonly findings: string[];
}

describe.skipIf(unavailable !== undefined)("guest rules against xl 4.17 (xl-oracle check --deep)", () => {
  const runner = new OracleRunner(oraclePath, 2);
  afterAll(() => runner.dispose());

  it(`agree with xl on ${COUNT} generated guest configs`, async () => {
    const random = seededRandom(SEED);
    const texts = Array.from({ length: COUNT }, () => generateGuestConfig(random));
    const verdicts = await Promise.all(texts.map((t) => runner.checkText(t, "utf8")));
    const judged: Judged[] = texts.map((text, i) => {
      const diagnostics = lint(text, ORACLE_HOST).filter((d) => GUEST_RULE_IDS.has(d.rule));
      return {
        text,
        xl: verdicts[i] as XlResult,
        errors: diagnostics.filter((d) => d.severity === "error").map((d) => `${d.rule}: ${d.message}`),
        findings: diagnostics.map((d) => `${d.rule}: ${d.message}`),
      };
    });
    const judgedByXl = judged.filter((j) => j.xl.verdict !== "no-verdict");
    expect(judged.length - judgedByXl.length, "generated configs xl-oracle gave no verdict on").toBeLessThanOrEqual(MAX_NO_VERDICT);
    const refused = judgedByXl.filter((j) => j.xl.verdict === "rejected");
    // A refusal counts as found when a rule that reports xl's own reason has an error.
    const missed = refused.filter((j) => {
      const rules = expectedRules(j.xl.messages);
      return rules === undefined || !j.errors.some((e) => rules.includes(e.split(":")[0] as string));
    });
    const falseErrors = judgedByXl.filter((j) => j.xl.verdict !== "rejected" && j.errors.length > 0);
    const warned = judgedByXl.filter((j) => j.xl.messages.some((m) => GUEST_WARNINGS.some((w) => w.test(m))));
    const unexplained = warned.filter((j) => j.findings.length === 0);
    const agreeing = judgedByXl.length - missed.length - falseErrors.length;
    console.log(
      `guest rules vs xl: ${judgedByXl.length} configs judged (${judged.length - judgedByXl.length} without verdict), ${refused.length} refused by xl, ` +
        `${warned.length} with a guest warning; agreement ${((100 * agreeing) / judgedByXl.length).toFixed(1)}% ` +
        `(missed refusals ${missed.length}, false errors ${falseErrors.length}, unexplained warnings ${unexplained.length})`,
    );
    const fired = new Map<string, number>();
    for (const j of judgedByXl) for (const rule of new Set(j.findings.map((f) => f.split(":")[0] as string))) fired.set(rule, (fired.get(rule) ?? 0) + 1);
    console.log(`findings per rule: ${[...fired].sort((a, b) => b[1] - a[1]).map(([r, n]) => `${r} ${n}`).join(", ")}`);
    const show = (j: Judged): string => `${j.text}  xl: ${j.xl.messages.join(" | ") || "(nothing)"}\n  xlint: ${j.findings.join("\n         ") || "(nothing)"}`;
    expect(refused.length, "a fair share of the generated configs is refused").toBeGreaterThan(COUNT / 5);
    for (const rule of EXERCISED) expect(fired.get(rule) ?? 0, `configs where ${rule} fires`).toBeGreaterThan(0);
    expect(judgedByXl.length - refused.length, "a fair share is accepted").toBeGreaterThan(COUNT / 5);
    expect(missed.slice(0, 5).map(show), "configs xl refuses without a guest error").toEqual([]);
    expect(falseErrors.slice(0, 5).map(show), "configs xl accepts with a guest error").toEqual([]);
    expect(unexplained.slice(0, 5).map(show), "guest warnings of xl without a finding").toEqual([]);
  }, 120_000 + COUNT * 120); // a guard against hangs: the oracle takes 15 to 65 ms a call, depending on the machine
});
