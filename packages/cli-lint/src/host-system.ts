/**
 * `--host-from-system`: the host facts of the machine xlint runs on.
 * - Bridges: Linux lists a bridge's interface with a `bridge/` folder under
 *   /sys/class/net; NetBSD names bridge interfaces `bridgeN` (`ifconfig -l`).
 * - CPUs, NUMA nodes and CPU pools come from `xl info` and `xl cpupool-list`,
 *   which work only in a dom0 with the hypervisor running (and as root).
 *   Elsewhere they stay unknown, and the rules that need them stay silent.
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import type { HostProfile } from "@xlint/linter";

export interface SystemHost {
  readonly host: Partial<{ -readonly [K in keyof HostProfile]: HostProfile[K] }>;
  /** What could not be read, one line each, for the user. */
  readonly notes: string[];
}

/** Where the facts come from; tests give a fake folder and fake commands. */
export interface SystemAccess {
  readonly platform: NodeJS.Platform;
  readonly sysClassNet: string;
  readonly run: (command: string, args: readonly string[]) => string | undefined;
}

/**
 * The real machine. child_process is fetched only here, so that plain runs
 * start faster; through getBuiltinModule, not import(): the launcher runs the
 * bundle as a script with no module loader for dynamic imports.
 */
export function realSystem(): SystemAccess {
  const { execFileSync } = process.getBuiltinModule("node:child_process");
  const run = (command: string, args: readonly string[]): string | undefined => {
    try {
      return execFileSync(command, [...args], { encoding: "utf8", timeout: 10_000, stdio: ["ignore", "pipe", "ignore"] });
    } catch {
      return undefined;
    }
  };
  // XLINT_SYS_CLASS_NET points the bridge lookup at another folder (the tests' fake sysfs).
  return { platform: process.platform, sysClassNet: process.env["XLINT_SYS_CLASS_NET"] ?? "/sys/class/net", run };
}

export function readSystemHost(system: SystemAccess): SystemHost {
  const notes: string[] = [];
  const host: SystemHost["host"] = {};
  const run = system.run;
  const bridges = system.platform === "netbsd" ? netbsdBridges(run, notes) : linuxBridges(system.sysClassNet, notes);
  if (bridges) host.bridges = bridges;
  const info = run("xl", ["info"]);
  if (info === undefined) {
    notes.push("`xl info` did not run (not a dom0, or not root): CPUs, NUMA nodes and CPU pools stay unknown");
  } else {
    const cpus = field(info, "nr_cpus");
    const nodes = field(info, "nr_nodes");
    if (cpus) host.cpus = cpus;
    if (nodes) host.numaNodes = nodes;
    const pools = run("xl", ["cpupool-list"]);
    const names = pools?.split("\n").slice(1).map((line) => line.trim().split(/\s+/)[0] ?? "").filter((name) => name !== "");
    if (names && names.length > 0) host.cpupools = names;
  }
  return { host, notes };
}

function linuxBridges(sysNet: string, notes: string[]): string[] | undefined {
  if (!existsSync(sysNet)) {
    notes.push(`${sysNet} does not exist: the host's bridges stay unknown`);
    return undefined;
  }
  try {
    return readdirSync(sysNet)
      .filter((name) => existsSync(path.join(sysNet, name, "bridge")))
      .sort();
  } catch {
    notes.push(`${sysNet} cannot be read: the host's bridges stay unknown`);
    return undefined;
  }
}

function netbsdBridges(run: SystemAccess["run"], notes: string[]): string[] | undefined {
  const list = run("ifconfig", ["-l"]);
  if (list === undefined) {
    notes.push("`ifconfig -l` did not run: the host's bridges stay unknown");
    return undefined;
  }
  return list.split(/\s+/).filter((name) => /^bridge\d+$/.test(name)).sort();
}

/** A `name : value` line of `xl info` as a positive integer. */
function field(info: string, name: string): number | undefined {
  const match = new RegExp(`^${name}\\s*:\\s*(\\d+)\\s*$`, "m").exec(info);
  const n = match ? Number(match[1]) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}
