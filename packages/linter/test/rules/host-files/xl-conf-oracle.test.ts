/**
 * The xl.conf rules against the real xl 4.17: each snippet below is given
 * to `xl-oracle check --global-config` in place of /etc/xen/xl.conf while
 * a clean PV guest and a clean PVH guest are created. For every snippet:
 *
 * - xl refuses one of the guests (or every command fails) ⇔ xlint, told
 *   the oracle's fake host (8 CPUs, one node), reports an error in the file;
 *   except that with `output_format = "sxp"` the dry run itself fails on
 *   PVH guests while printing them, which a real `xl create` does not do:
 *   xlint notes that instead;
 * - xl prints anything about xl.conf ⇒ xlint reports something;
 * - xl-conf-invalid-value or xl-conf-deprecated-key reports something ⇒ xl
 *   prints something or refuses (unknown keys are the exception: xl says
 *   nothing about them, which is why they deserve a finding).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { oraclePath, oracleUnavailableReason } from "../../../../parser/test/helpers";
import { ORACLE_HOST } from "../lint-helpers";
import { lintKind } from "./helpers";

const SNIPPETS = [
  'autoballoon = "off"\nautoballoon = "maybe"\n',
  'autoballoon = "On"\n',
  "autoballoon = 1\n",
  'autoballoon = [ "on" ]\n',
  'autoballon = "off"\n',
  'run_hotplug_scripts = "x"\n',
  "run_hotplug_scripts = 0\n",
  'lockfile = [ "/run/xl" ]\n',
  'vifscript = "vif-route"\n',
  'vif.default.script = "vif-route"\nvifscript = "vif-bridge"\n',
  'defaultbridge = "br0"\n',
  'vif.default.bridge = "br0"\nvif.default.gatewaydev = "eth0"\nvif.default.backend = "0"\n',
  'output_format = "xml"\n',
  'output_format = "sxp"\n',
  'blkdev_start = "xvdz"\n',
  'claim_mode = "yes"\n',
  'claim_mode = "1"\nclaim_mode += "0"\n',
  "claim_mode = [ 1 ]\n",
  'remus.default.netbufscript = [ "x" ]\n',
  'max_grant_frames = "abc"\n',
  'max_grant_frames = "-1"\n',
  "max_grant_frames = 2147483648\n",
  "max_grant_frames = 2147483647\n",
  "max_maptrack_frames = [ 1 ]\n",
  'max_grant_version = "0x2"\n',
  'vm.cpumask = "foo"\n',
  'vm.cpumask = "0,foo"\n',
  'vm.cpumask = "^0"\n',
  'vm.cpumask = ""\n',
  'vm.cpumask = "all,^all"\n',
  'vm.cpumask = "0x1"\n',
  'vm.cpumask = "0-7,^nodes:0"\n',
  'vm.cpumask = "all"\nvm.pv.cpumask = "foo"\n',
  'vm.hvm.cpumask = "^1"\n',
  'vm.pv.cpumask = "1-3"\nvm.hvm.cpumask = "2"\n',
  'vm.cpumask = [ "0" ]\n',
  'vm.cpumask = "8-15"\n',
  'vm.cpumask = "nodes:1"\n',
  'vm.cpumask = "4-7"\nvm.hvm.cpumask = "0-3"\n',
  'vm.cpumask = "0-3"\nvm.pv.cpumask = "3-5"\n',
  'vm.cpumask = "all,^0-6"\nvm.pv.cpumask = "0-6"\n',
  'vm.cpumask = "all,^0-6"\nvm.hvm.cpumask = "0-7"\nvm.pv.cpumask = "x"\n',
  'vm.cpumask = "100000"\n',
  'vm.cpumask = "2,3-x"\nvm.hvm.cpumask = "3"\n',
  'vm.cpumask = "nodes:0,^7"\n',
  'domid_policy = "rand"\n',
  'domid_policy = "random"\n',
  'bootloader_restrict = "yes"\n',
  "memory = 2048\n",
  "a = \n",
  "autoballoon = on\n",
];

const GUESTS = {
  pv: 'name = "probe-pv"\ntype = "pv"\nkernel = "/boot/vmlinuz"\nmemory = 512\nvcpus = 2\n',
  pvh: 'name = "probe-pvh"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 512\nvcpus = 2\n',
};

const unavailable = oracleUnavailableReason();
const dir = mkdtempSync(path.join(tmpdir(), "xlint-xlconf-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface XlAnswer {
  readonly refused: boolean;
  readonly complaints: readonly string[];
}

/** What xl does with this xl.conf while creating both guests. */
function askXl(conf: string): XlAnswer {
  const confFile = path.join(dir, "xl.conf");
  writeFileSync(confFile, conf);
  let refused = false;
  const complaints = new Set<string>();
  for (const [type, text] of Object.entries(GUESTS)) {
    const guestFile = path.join(dir, `${type}.cfg`);
    writeFileSync(guestFile, text);
    const run = spawnSync(oraclePath, ["check", "--global-config", confFile, guestFile], { encoding: "utf8" });
    if (run.status !== 0 && run.status !== 1) throw new Error(`no verdict: ${run.stderr}`);
    if (run.status === 1) refused = true;
    // xl's messages are not always newline-terminated ("invalid autoballoon option").
    for (const line of run.stderr.replace(/Parsing config from \S+/g, "\n").split("\n")) if (line.trim()) complaints.add(line.trim());
  }
  return { refused, complaints: [...complaints] };
}

describe.skipIf(unavailable !== undefined)("xl.conf rules against the real xl", () => {
  for (const conf of SNIPPETS) {
    it(JSON.stringify(conf), () => {
      const xl = askXl(conf);
      const found = lintKind(conf, "xl-conf", undefined, ORACLE_HOST);
      const described = `xl: ${JSON.stringify(xl)}\nxlint: ${found.map((d) => `${d.severity} [${d.rule}] ${d.message}`).join("\n")}`;
      const dryRunArtifact = xl.complaints.some((c) => /^Unknown domain type/.test(c));
      expect(found.some((d) => d.severity === "error"), described).toBe(xl.refused && !dryRunArtifact);
      if (xl.complaints.length > 0) expect(found.length, described).toBeGreaterThan(0);
      const valueFindings = found.filter((d) => d.rule === "xl-conf-invalid-value" || d.rule === "xl-conf-deprecated-key");
      if (valueFindings.length > 0) expect(xl.refused || xl.complaints.length > 0, described).toBe(true);
    });
  }
});
