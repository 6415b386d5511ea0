import type { FileRule } from "../../engine/types";
import { replaceValueEdit } from "../util/guest-settings";
import { stringSetting } from "../util/settings";

/** A `pool` that names no CPU pool of the host: libxl refuses to create the guest. */
export const unknownCpupool: FileRule = {
  id: "unknown-cpupool",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "unsafe",
  summary: "`pool` names a CPU pool the host does not have",
  docs: {
    description: [
      "`pool` puts the guest in a CPU pool, found by its exact name (case and blanks count). libxl refuses",
      "to create the guest when no pool has that name (\"Illegal pool specified\"); an empty name never",
      "matches. Every host has `Pool-0`; other pools exist only once `xl cpupool-create` has made them.",
      "",
      "An empty `pool` is always reported. Other names are checked when the host profile lists the pools:",
      "set `host.cpupools` in xlint.json to the names `xl cpupool-list` shows. When a pool differs from the",
      "name written only in case or surrounding blanks, the fix writes the pool's name; it is marked unsafe",
      "because it changes where the guest runs.",
    ].join("\n"),
    invalid: [
      { config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\npool = "pool-0"\n', host: { cpupools: ["Pool-0"] }, note: "Pool names are case-sensitive." },
      { config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\npool = ""\n', note: "No pool has an empty name." },
    ],
    valid: [
      { config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\npool = "web"\n', host: { cpupools: ["Pool-0", "web"] } },
      { config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\npool = "web"\n', note: "Without host.cpupools only an empty name can be judged." },
    ],
  },
  check(context) {
    const pool = stringSetting(context, "pool");
    if (!pool) return;
    const pools = context.host.cpupools;
    if (pool.value === "") {
      context.report({
        range: pool.range,
        message: "The pool name is empty",
        help: 'No CPU pool has that name, so libxl refuses to create the guest ("Illegal pool specified"). Name a pool from `xl cpupool-list`, or remove `pool` to use Pool-0.',
      });
      return;
    }
    if (!pools || pools.includes(pool.value)) return;
    const meant = pools.find((name) => name.toLowerCase() === pool.value.trim().toLowerCase());
    const edit = meant ? replaceValueEdit(context, "pool", meant) : undefined;
    const known = pools.map((name) => `\`${name}\``).join(", ");
    context.report({
      range: pool.range,
      message: `No CPU pool is named \`${pool.value}\` on this host`,
      help: `The host profile lists ${known}, and libxl refuses to create the guest ("Illegal pool specified").${meant ? ` Did you mean \`${meant}\`? Pool names are matched exactly.` : " Create the pool first, pick one of these, or correct `host.cpupools` in xlint.json."}`,
      ...(edit && meant ? { fix: { title: `Write \`${meant}\``, safety: "unsafe" as const, edits: [edit] } } : {}),
    });
  },
};
