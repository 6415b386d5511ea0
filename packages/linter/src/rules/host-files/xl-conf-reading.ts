/**
 * How xl reads each xl.conf key (Xen 4.17 tools/xl/xl.c, parse_global_config,
 * checked with xl-oracle's `--global-config`). The file is read at the start
 * of every xl command, so a bad value costs every command, not one guest:
 * - strings (`lockfile`, `vif.default.*`, …): any text; a list draws a
 *   warning and the key is ignored;
 * - `autoballoon`, `output_format`, `domid_policy`: compared with `strcmp`;
 *   another word draws "invalid … option" and the default stays;
 * - `run_hotplug_scripts`, `claim_mode`, `bootloader_restrict`: numbers
 *   (`xlu_cfg_get_long` with warnings on); a non-number is warned about and
 *   ignored;
 * - `max_grant_frames`, `max_maptrack_frames`, `max_grant_version`: numbers
 *   from 0 to INT_MAX read with warnings off, and anything else makes xl
 *   exit at once, silently: no xl command works;
 * - `vm.cpumask`, `vm.hvm.cpumask`, `vm.pv.cpumask`: CPU lists; xl stops
 *   reading at the first bad element (printing "Invalid pcpu range") and
 *   keeps the CPUs before it, and `xl create` refuses every guest the mask
 *   leaves without a CPU ("vcpu hard affinity map is empty").
 */
import type { XlConfOption } from "../../catalog";

export type XlConfReader =
  | { readonly kind: "string" }
  | { readonly kind: "enum"; readonly accepted: readonly string[]; readonly documented: readonly string[] }
  | { readonly kind: "number"; readonly exits: boolean }
  | { readonly kind: "cpumask" };

export function readerOf(option: XlConfOption): XlConfReader {
  switch (option.kind) {
    case "string":
      return { kind: "string" };
    case "enum": {
      const documented = option.values?.allowed ?? [];
      return { kind: "enum", documented, accepted: [...documented, ...(option.values?.alsoAccepted ?? [])] };
    }
    case "boolean":
      return { kind: "number", exits: false };
    case "integer":
      // Every integer key of xl.conf is a grant limit, read with bounds and warnings off.
      return { kind: "number", exits: true };
    case "spec":
      return { kind: "cpumask" };
  }
}

/** The default that stays when xl drops the value, as a clause. */
export function defaultClause(option: XlConfOption): string {
  return option.default === undefined ? "xl's built-in default stays" : `the default (${option.default}) stays`;
}

/** What every xl command does with a value it cannot use, for the non-exiting readers. */
export const EVERY_COMMAND = "xl complains about it at the start of every command";
