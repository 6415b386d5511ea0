/**
 * The vif rules against the real xl 4.17 (`xl-oracle check`): every vif spec
 * of the corpus, the parser's vif table, hand-picked cases and generated
 * specs (fixed seed), each alone in a small PV, PVH or HVM config.
 *
 * - A config xl refuses gets an error from the net rules; a net error that
 *   says xl refuses (rate, devid, mtu) comes only on configs xl refuses.
 * - A config xl accepts without a word gets no net error, except from the
 *   rules about what xl never looks at (multicast MACs, emulated vifs on
 *   PV/PVH, which libxl refuses later, device numbers, duplicates).
 * - Each line xl prints about a vif is matched by exactly one finding:
 *   "unrecognized argument", "Invalid parameter `mac'" and `type'", netdev,
 *   accel.
 * - Fixes: applied, the finding is gone, xl does not start refusing the
 *   config, and the fixes that only spell out what xl already does leave
 *   xl's nic unchanged.
 * - Several vifs with `devid=`: vif-duplicate-devid fires exactly when xl's
 *   own numbering (its JSON) gives two vifs one number.
 */
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { decodeFileBytes, detachedSpecText, evaluate, parse, parseVifSpec } from "@xlint/parser";
import { corpusConfigs, oracleUnavailableReason, testCorpus, walkFiles } from "../../../../parser/test/helpers";
import { oracleCheckAll, quoted, randomVifSpec, scratchDir, VIF_TABLE, type OracleAnswer } from "../../../../parser/test/net-helpers";
import { seededRandom } from "../../../../parser/test/random";
import { netRules } from "../../../src/rules/net";
import type { Diagnostic, Fix } from "../../../src/index";
import { applyFix, lint } from "./helpers";

const unavailable = oracleUnavailableReason();
const GENERATED = 700;
const SEED = 0x0e7_2024;
const NET_RULES = new Set(netRules.map((r) => r.id));

/** Errors for what xl's parser never sees: libxl refuses later, or the guest's network fails. */
const BEYOND_XL_PARSER = new Set(["vif-multicast-mac", "vif-ioemu-on-pv", "vif-duplicate-devid", "duplicate-mac", "vif-missing-bridge"]);
/** Errors that claim xl's parser refuses the config. */
const REFUSAL_RULES = new Set(["vif-invalid-rate", "vif-invalid-number"]);
/** Rules whose safe fixes write out what xl already does: xl's nic must not change. */
const SAME_NIC_RULES = new Set(["vif-invalid-mac", "vif-invalid-number", "vif-rate-octal", "vif-deprecated-key", "vif-repeated-key"]);

const TYPES = ["pv", "pvh", "hvm"] as const;
type GuestType = (typeof TYPES)[number];

function configOf(specs: readonly string[], type: GuestType): string {
  const boot = type === "hvm" ? "" : 'kernel = "/boot/vmlinuz"\n';
  return `name = "t"\ntype = "${type}"\n${boot}memory = 512\nvif = [ ${specs.map(quoted).join(", ")} ]\n`;
}

/** Specs that can be written between single quotes as they are. */
const writable = (spec: string): boolean => !/['\\\n\r\0]/.test(spec);

function corpusVifSpecs(): string[] {
  const specs = new Set<string>();
  for (const file of [...corpusConfigs(), ...walkFiles(testCorpus, (f) => f.endsWith(".cfg"))]) {
    const { text, encoding } = decodeFileBytes(readFileSync(file));
    const vif = evaluate(parse(text, { encoding }).file).settings.get("vif");
    if (vif?.value.kind === "list") for (const item of vif.value.items) if (item.kind === "string") specs.add(item.value);
  }
  return [...specs];
}

/** The cases the rules single out, so that each is checked against xl at least once. */
const HAND_PICKED = [
  "brige=xenbr0", "Bridge=xenbr0", "bridge = xenbr0", "bridge =xenbr0 ", "mac", "Trusted", "trusted ", "\tbridge=br1", "a, ,b",
  "bridge=xenbr0 ,mac=00:16:3e:00:00:01 ", "mac=00-16-3E-01-02-03", "mac=1:2:3:4:5:6:7:8", "mac=100000001:2:3:4:5:6",
  "mac=00:16:3e:01:02,bridge=br0", "mac=00:00:00:00:00:00", "mac=01:16:3e:00:00:01", "mac=00:1a:2b:3c:4d:5e",
  "rate=10mb/s", "rate=10kB/s@20ms", "rate=010MB/s", "rate=10MB/s@50", "rate=10MB/s@0010", "rate=8B/s", "rate=010B/s",
  "devid=3x", "devid=0x10", "mtu=9000bytes", "mtu=4294967297", "devid=-2", "mtu=jumbo",
  "type=IOEMU", "type=vif ", "type= ioemu", "type=netfront", "type=ioemu,model=e1000", "type=vif,model=e1000", "model=rtl8139",
  "netdev=eth1,script=vif-route", "accel=netchannel2,bridge=xenbr0", "vlan=10", "bridge=a,bridge=b,bridge=c", "trusted,untrusted",
  "vifname=web01-frontend01", "vifname=web01-front0", "mac=00:16:3e:00:00:01,mac=00:16:3e:00:00:02",
];

interface Case {
  readonly specs: readonly string[];
  readonly type: GuestType;
  readonly text: string;
}

function cases(): Case[] {
  const rand = seededRandom(SEED);
  const specs = [...corpusVifSpecs(), ...VIF_TABLE.map((r) => r.spec), ...HAND_PICKED];
  for (let i = 0; i < GENERATED; i++) specs.push(randomVifSpec(rand));
  return specs.filter(writable).flatMap((spec, i) => {
    // Every hand-picked spec on every guest type; the others on one, in turn.
    const types = HAND_PICKED.includes(spec) ? TYPES : [TYPES[i % 3] as GuestType];
    return types.map((type) => ({ specs: [spec], type, text: configOf([spec], type) }));
  });
}

/** Whether a spec has a MAC that xl reads past the end of its buffer (undefined behaviour). */
function unpredictableMac(specs: readonly string[]): boolean {
  return specs.some((spec) => parseVifSpec(detachedSpecText(spec)).problems.some((p) => p.code === "mac-incomplete" && /unpredictable/.test(p.message)));
}

const netFindings = (text: string): Diagnostic[] => lint(text, { arch: "x86" }).filter((d) => NET_RULES.has(d.rule)); // the oracle runs x86 xl
const count = (lines: readonly string[], pattern: RegExp): number => lines.filter((l) => pattern.test(l)).length;

/** xl's nics, from its JSON. */
function nicsOf(answer: OracleAnswer): unknown[] {
  const json = JSON.parse(answer.stdout) as { nics?: unknown[] };
  return json.nics ?? [];
}

describe.skipIf(unavailable !== undefined)("vif rules against xl 4.17 (xl-oracle check)", () => {
  const scratch = scratchDir();
  afterAll(() => scratch.dispose());

  it("agree with xl's verdict and messages on every spec, and their fixes hold", async () => {
    const all = cases();
    const answers = await oracleCheckAll(scratch.dir, all.map((c) => c.text));
    const problems: string[] = [];
    const fixes: { c: Case; d: Diagnostic; fix: Fix; before: OracleAnswer; after: string }[] = [];
    const tally = { refused: 0, warned: 0, silent: 0, beyondParser: 0 };
    all.forEach((c, i) => {
      const xl = answers[i] as OracleAnswer;
      const found = netFindings(c.text);
      const errors = found.filter((d) => d.severity === "error");
      const where = `${c.type} '${c.specs.join("', '")}'`;
      if (xl.status === 1) {
        tally.refused++;
        if (errors.length === 0) problems.push(`${where}: xl refuses it (${xl.lines.join(" | ")}) but no net rule has an error`);
      } else if (xl.status === 0) {
        for (const e of errors) {
          if (REFUSAL_RULES.has(e.rule)) problems.push(`${where}: xl accepts it but ${e.rule} says: ${e.message}`);
          else if (BEYOND_XL_PARSER.has(e.rule)) tally.beyondParser++;
          else if (xl.lines.length === 0) problems.push(`${where}: xl accepts it silently but ${e.rule} has an error: ${e.message}`);
        }
        if (xl.lines.length > 0) tally.warned++;
        else tally.silent++;
        const pairs: [RegExp, (d: Diagnostic) => boolean][] = [
          [/unrecognized argument/, (d) => /unrecognized argument/.test(d.help ?? "")],
          [/Invalid parameter `mac'/, (d) => d.rule === "vif-invalid-mac" && d.severity === "error"],
          [/Invalid parameter `type'/, (d) => d.rule === "vif-invalid-type"],
          [/netdev parameter is deprecated/, (d) => d.rule === "vif-deprecated-key" && d.message.includes("netdev")],
          [/accel parameter/, (d) => d.rule === "vif-deprecated-key" && d.message.includes("xm setting")],
        ];
        for (const [line, finding] of pairs) {
          const lines = count(xl.lines, line);
          const matched = found.filter(finding).length;
          // A short MAC at the end of the spec makes xl read past its buffer: what it prints then is luck.
          if (line.source.includes("mac") && unpredictableMac(c.specs) && lines >= matched) continue;
          if (lines !== matched) problems.push(`${where}: xl prints ${lines} line(s) like ${line} (${xl.lines.join(" | ")}), the rules have ${matched} matching finding(s)`);
        }
        if (xl.lines.length > 0 && found.length === 0) problems.push(`${where}: xl warns (${xl.lines.join(" | ")}) but no net rule says anything`);
      } else problems.push(`${where}: no verdict from xl (${xl.status}): ${xl.stderr.split("\n")[0] ?? ""}`);
      for (const d of found) {
        if (!d.fix) continue;
        const after = applyFix(c.text, d.fix);
        const again = netFindings(after).filter((x) => x.rule === d.rule);
        if (again.length >= found.filter((x) => x.rule === d.rule).length) problems.push(`${where}: the fix "${d.fix.title}" of ${d.rule} leaves as many findings of it`);
        if (d.fix.safety === "safe") fixes.push({ c, d, fix: d.fix, before: xl, after });
      }
    });
    const fixedAnswers = await oracleCheckAll(scratch.dir, fixes.map((f) => f.after));
    fixes.forEach(({ c, d, before }, i) => {
      const xl = fixedAnswers[i] as OracleAnswer;
      const where = `${c.type} '${c.specs.join("', '")}' fixed by ${d.rule} ("${d.fix?.title ?? ""}")`;
      if (before.status === 0 && xl.status !== 0) problems.push(`${where}: xl refuses the fixed config: ${xl.lines.join(" | ")}`);
      if (before.status === 0 && xl.status === 0 && SAME_NIC_RULES.has(d.rule) && JSON.stringify(nicsOf(xl)) !== JSON.stringify(nicsOf(before))) {
        problems.push(`${where}: xl's nic changed: ${JSON.stringify(nicsOf(before))} → ${JSON.stringify(nicsOf(xl))}`);
      }
    });
    console.log(
      `net oracle: ${all.length} configs (${tally.refused} refused, ${tally.warned} warned, ${tally.silent} silent); ${fixes.length} safe fixes re-checked; ${tally.beyondParser} errors about what xl's parser never sees`,
    );
    expect(problems.slice(0, 20)).toEqual([]);
    expect(tally.refused).toBeGreaterThan(50);
    expect(tally.warned).toBeGreaterThan(100);
    expect(fixes.length).toBeGreaterThan(50);
    // A hang guard, not a speed check: one oracle call per config and at most one per fix (the corpus
    // adds under 300 configs), 15 to 65 ms each, several times that on a loaded machine.
  }, 120_000 + 2 * (GENERATED + VIF_TABLE.length + 300) * 240);

  it("report duplicate device numbers exactly when xl numbers two vifs alike", async () => {
    const rand = seededRandom(SEED + 1);
    const DEVIDS = ["", "", "devid=0", "devid=1", "devid=2", "devid=1x", "devid=0x10", "devid=7"];
    const configs: string[] = [];
    for (let i = 0; i < 150; i++) {
      const n = 2 + Math.floor(rand() * 2);
      const specs = Array.from({ length: n }, (_, k) => [`bridge=br${k}`, DEVIDS[Math.floor(rand() * DEVIDS.length)] ?? ""].filter((s) => s !== "").join(","));
      configs.push(configOf(specs, "pvh"));
    }
    const answers = await oracleCheckAll(scratch.dir, configs);
    let clashes = 0;
    const problems: string[] = [];
    configs.forEach((text, i) => {
      const xl = answers[i] as OracleAnswer;
      const devids = nicsOf(xl).map((n) => (n as { devid?: number }).devid ?? -1);
      const clash = new Set(devids).size !== devids.length;
      if (clash) clashes++;
      const found = lint(text, { arch: "x86" }).filter((d) => d.rule === "vif-duplicate-devid");
      if (clash !== found.length > 0) problems.push(`${text.split("\n")[4]}: xl numbers the vifs ${JSON.stringify(devids)}, the rule has ${found.length} finding(s)`);
    });
    expect(problems).toEqual([]);
    expect(clashes).toBeGreaterThan(10);
  }, 60_000);
});
