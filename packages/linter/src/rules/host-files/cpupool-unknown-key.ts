import type { FileRule } from "../../engine/types";
import { cpupoolOptions } from "../../catalog/cpupool-options";
import { reportUnknownKeys } from "./host-keys";

/** A key `xl cpupool-create` does not read: only name, sched, cpus and nodes count. */
export const cpupoolUnknownKey: FileRule = {
  id: "cpupool-unknown-key",
  scope: "file",
  kinds: ["cpupool"],
  severity: "warning",
  category: "suspicious",
  fixable: "unsafe",
  summary: "A key `xl cpupool-create` does not read (only name, sched, cpus and nodes), so it is silently ignored",
  docs: {
    description: [
      "A cpupool file has four keys: `name`, `sched`, `cpus` and `nodes`. `xl cpupool-create` looks up",
      "those and nothing else, without a word about the rest, so `shed = \"credit2\"` quietly gives the pool",
      "the default scheduler, and domain-config keys (`memory`, `vcpus`, `pool`) written in the hope of",
      "shaping the pool do nothing.",
      "",
      "A typo gets the nearest cpupool key, with an unsafe fix (the setting then takes effect) when there is",
      "one candidate that the file does not set already; a key of domain configs or of xl.conf is named as such.",
    ].join("\n"),
    invalid: [
      { kind: "cpupool", config: 'name = "pool-db"\nshed = "credit2"\ncpus = "4-7"\n', note: "Did you mean `sched`?" },
      { kind: "cpupool", config: 'name = "pool-db"\ncpus = "4-7"\nvcpus = 4\n', note: "A pool has CPUs, not vCPUs." },
    ],
    valid: [{ kind: "cpupool", config: 'name = "pool-db"\nsched = "credit2"\ncpus = "4-7"\n' }],
  },
  check(context) {
    reportUnknownKeys(context, {
      keys: cpupoolOptions.map((o) => o.key),
      fileName: "a cpupool file",
      reader: "`xl cpupool-create`",
      manual: "xlcpupool.cfg(5)",
    });
  },
};
