/**
 * The values rules against the real xl 4.17 (xl-oracle check --deep) on
 * generated configs (generate.ts, fixed seed): a valid guest plus one
 * spoilt setting. For every config the oracle judges:
 *
 * - xl refuses it → a values rule reports an error (unless xl's reason
 *   belongs to another family, listed below);
 * - xl accepts it without a word → no values rule reports an error;
 * - xl prints one of the warnings this family explains → a values rule
 *   reports something.
 *
 * The figures (configs, refused, warned, agreement, findings per rule) are
 * printed.
 */
import { afterAll, describe, expect, it } from "vitest";
import { oraclePath, oracleUnavailableReason } from "../../../../parser/test/helpers";
import { seededRandom } from "../../../../parser/test/random";
import { OracleRunner, type XlResult } from "../../fidelity/oracle-runner";
import { DEFAULT_HOST, lintText } from "../../../src/index";
import { MAX_NO_VERDICT } from "../../fidelity/figures";
import { valuesRules } from "../../../src/rules/values";
import { generateValuesConfig, spoilableOptions, type Generated } from "./generate";

const unavailable = oracleUnavailableReason();
const COUNT = 1200;
const SEED = 0x7a1e_2024;
const VALUES_RULE_IDS = new Set(valuesRules.map((r) => r.id));

/** The warnings of xl and libxlu that a values rule must explain (reference §7.3). */
const VALUES_WARNINGS = [
  /is a list but should be a single value/,
  /is a single value but should be a list/,
  /is not a valid number/,
  /could not be parsed as a number/,
  /can't use \+= with numbers/,
  /ignoring device_model directive/,
  /ignoring "vncviewer" option/,
  /netchannel2 is deprecated/,
  /as an integer is deprecated/,
  /"bootloader_args" as a string is deprecated/,
  /"altp2mhvm" is deprecated/,
  /msr_relaxed will be removed/,
  /bios_path_override given without specific bios name/,
  /device model override given without specific DM version/,
  /spice disabled, disabling usbredirection/,
];

/** Refusals whose reason another family reports (the guest type, spice, device specs, …). */
const OTHER_FAMILIES = [
  /"timer_mode" option is not supported for PV/,
  /spiceport or tls_port|spicepasswd|ticketing/i,
  /nestedhvm and altp2m/,
  /PoD/,
  /qxl|rombios|videoram|bios=|direct kernel boot|direct boot parameters/i,
  /vkb|vdispl|vtpm|9pfs|pvcalls|channel|usbctrl|usb device|usbdev|virtio|vsnd|PCI_SPEC|Invalid argument parsing|too big|vif|disk|vdev/i,
  /Display specified both in vnclisten and vncdisplay/,
  /Neither kernel nor bootloader|both kernel and firmware|only pvgrub/,
  /passthrough/,
  /vPMU|vpmu/,
];

interface Judged {
  readonly generated: Generated;
  readonly xl: XlResult;
  readonly errors: readonly string[];
  readonly findings: readonly string[];
}

function show(j: Judged): string {
  return `${j.generated.text}  xl: ${j.xl.messages.join(" | ") || "(nothing)"}\n  values rules: ${j.findings.join("\n    ") || "(nothing)"}`;
}

describe.skipIf(unavailable !== undefined)("values rules against xl 4.17 (xl-oracle check --deep)", () => {
  const runner = new OracleRunner(oraclePath, 2);
  afterAll(() => runner.dispose());

  it(`agree with xl on ${COUNT} generated configs`, async () => {
    const random = seededRandom(SEED);
    const options = spoilableOptions();
    const generated = Array.from({ length: COUNT }, () => generateValuesConfig(random, options));
    const verdicts = await Promise.all(generated.map((g) => runner.checkText(g.text, "utf8")));
    const judged: Judged[] = generated.map((g, i) => {
      const diagnostics = lintText(g.text, { host: { ...DEFAULT_HOST, arch: "x86" } }).diagnostics.filter((d) => VALUES_RULE_IDS.has(d.rule));
      return {
        generated: g,
        xl: verdicts[i] as XlResult,
        errors: diagnostics.filter((d) => d.severity === "error").map((d) => `${d.rule}: ${d.message}`),
        findings: diagnostics.map((d) => `${d.severity} ${d.rule}: ${d.message}`),
      };
    });
    const byXl = judged.filter((j) => j.xl.verdict !== "no-verdict");
    expect(judged.length - byXl.length, "generated configs xl-oracle gave no verdict on").toBeLessThanOrEqual(MAX_NO_VERDICT);
    const refused = byXl.filter((j) => j.xl.verdict === "rejected");
    const ours = refused.filter((j) => !j.xl.messages.some((m) => OTHER_FAMILIES.some((p) => p.test(m))));
    const missed = ours.filter((j) => j.errors.length === 0);
    const falseErrors = byXl.filter((j) => j.xl.verdict === "accepted" && j.errors.length > 0);
    const warned = byXl.filter((j) => j.xl.verdict === "warned" && j.xl.messages.some((m) => VALUES_WARNINGS.some((w) => w.test(m))));
    const unexplained = warned.filter((j) => j.findings.length === 0);
    const agreeing = byXl.length - missed.length - falseErrors.length - unexplained.length;
    console.log(
      `values rules vs xl: ${byXl.length} configs judged (${judged.length - byXl.length} without verdict), ${refused.length} refused by xl ` +
        `(${ours.length} for a value reason), ${warned.length} with a values warning; agreement ${((100 * agreeing) / byXl.length).toFixed(1)}% ` +
        `(missed refusals ${missed.length}, false errors ${falseErrors.length}, unexplained warnings ${unexplained.length})`,
    );
    const fired = new Map<string, number>();
    for (const j of byXl) for (const f of new Set(j.findings.map((x) => x.split(":")[0]?.split(" ")[1] ?? ""))) fired.set(f, (fired.get(f) ?? 0) + 1);
    console.log(`configs per values rule: ${[...fired].sort((a, b) => b[1] - a[1]).map(([r, n]) => `${r} ${n}`).join(", ")}`);

    expect(ours.length, "a fair share is refused for a value").toBeGreaterThan(COUNT / 15);
    expect(warned.length, "a fair share draws a values warning").toBeGreaterThan(COUNT / 10);
    for (const rule of ["wrong-value-shape", "nested-list-item", "invalid-number", "append-to-number", "number-out-of-range", "quoted-number", "invalid-enum-value", "enum-case", "deprecated-option", "ignored-option"]) {
      expect(fired.get(rule) ?? 0, `configs where ${rule} fires`).toBeGreaterThan(0);
    }
    expect(missed.slice(0, 5).map(show), "configs xl refuses for a value without a values error").toEqual([]);
    expect(falseErrors.slice(0, 5).map(show), "configs xl accepts silently with a values error").toEqual([]);
    expect(unexplained.slice(0, 5).map(show), "values warnings of xl without a finding").toEqual([]);
  }, 120_000 + COUNT * 240); // a hang guard: each config takes one or two oracle calls of 15 to 65 ms, more on a loaded machine
});
