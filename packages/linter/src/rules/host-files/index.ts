/** The rules of xl's other files, /etc/xen/xl.conf and cpupool files, in the order `xlint rules` lists them. */
import type { Rule } from "../../engine/types";
import { cpupoolInvalidCpus } from "./cpupool-invalid-cpus";
import { cpupoolInvalidSched } from "./cpupool-invalid-sched";
import { cpupoolMissingName } from "./cpupool-missing-name";
import { cpupoolUnknownKey } from "./cpupool-unknown-key";
import { xlConfDeprecatedKey } from "./xl-conf-deprecated-key";
import { xlConfInvalidValue } from "./xl-conf-invalid-value";
import { xlConfUnknownKey } from "./xl-conf-unknown-key";

export const hostFilesRules: readonly Rule[] = [
  // xl.conf
  xlConfUnknownKey,
  xlConfInvalidValue,
  xlConfDeprecatedKey,
  // cpupool files
  cpupoolUnknownKey,
  cpupoolMissingName,
  cpupoolInvalidSched,
  cpupoolInvalidCpus,
];
