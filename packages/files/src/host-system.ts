/**
 * `--host-from-system`: the host facts of the machine xlint runs on.
 * - Bridges: Linux lists a bridge's interface with a `bridge/` folder under
 *   /sys/class/net; NetBSD names bridge interfaces `bridgeN` (`ifconfig -l`).
 * - CPUs, NUMA nodes and CPU pools come from `xl info` and `xl cpupool-list`,
 *   which work only in a dom0 with the hypervisor running (and as root).
 *   Elsewhere they stay unknown, and the rules that need them stay silent.
 * - The dom0's OS comes from the platform (`uname`'s answer, as Node has it),
 *   and with it the place of xl.conf, whose vif defaults are read when the
 *   file exists: /etc/xen/xl.conf on Linux, /usr/pkg/etc/xen/xl.conf on NetBSD
 *   (pkgsrc's xentools configure Xen with --sysconfdir=/usr/pkg/etc),
 *   /usr/local/etc/xen/xl.conf on FreeBSD (Xen's m4/paths.m4).
 * - The arch: `xl info`'s `machine` when xl runs, else the CPU Node runs on.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { xenConfigDir, type HostOs, type HostProfile } from "@xlint/linter";

export interface SystemHost {
  readonly host: Partial<{ -readonly [K in keyof HostProfile]: HostProfile[K] }>;
  /** What could not be read, one line each, for the user. */
  readonly notes: string[];
  /** The dom0's xl.conf, when it exists where this OS keeps it: its vif defaults apply. */
  readonly xlConf?: string;
}

/** Where the facts come from; tests give a fake folder and fake commands. */
export interface SystemAccess {
  readonly platform: NodeJS.Platform;
  readonly sysClassNet: string;
  readonly run: (command: string, args: readonly string[]) => string | undefined;
  /** Xen's configuration folder (where xl.conf is); none: xl.conf is not looked for. */
  readonly xenConfigDir?: string;
  /** The CPU architecture the machine runs (Node's `process.arch`: `x64`, `arm64`, …); none: unknown. */
  readonly cpuArch?: string;
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
  // XLINT_SYS_CLASS_NET points the bridge lookup at another folder (the tests' fake sysfs), XLINT_XEN_CONFIG_DIR the xl.conf lookup.
  return {
    platform: process.platform,
    sysClassNet: process.env["XLINT_SYS_CLASS_NET"] ?? "/sys/class/net",
    run,
    xenConfigDir: process.env["XLINT_XEN_CONFIG_DIR"] ?? xenConfigDir(hostOsOf(process.platform)),
    cpuArch: process.arch,
  };
}

/** The dom0 OS a platform is, as xlint.json's `host.os` names it. */
export function hostOsOf(platform: NodeJS.Platform): HostOs | undefined {
  return platform === "linux" || platform === "netbsd" || platform === "freebsd" ? platform : undefined;
}

export function readSystemHost(system: SystemAccess): SystemHost {
  const notes: string[] = [];
  const host: SystemHost["host"] = {};
  const run = system.run;
  const os = hostOsOf(system.platform);
  if (os) host.os = os;
  let xlConf: string | undefined;
  if (system.xenConfigDir !== undefined) {
    const file = path.join(system.xenConfigDir, "xl.conf");
    // Absent is normal (xl then uses its built-in defaults too): nothing to say.
    if (isFile(file)) xlConf = file;
  }
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
  // xl info's `machine` is what the dom0 kernel runs on (x86_64, aarch64); else the machine Node runs on.
  const arch = archOf(info === undefined ? undefined : /^machine\s*:\s*(\S+)\s*$/m.exec(info)?.[1]) ?? archOf(system.cpuArch);
  if (arch) host.arch = arch;
  return { host, notes, ...(xlConf !== undefined ? { xlConf } : {}) };
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
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

/** `x86_64`, `i686`, `x64` (Node) → x86; `aarch64`, `armv7l`, `arm64` (Node), NetBSD's `evbarm` → Arm. */
function archOf(machine: string | undefined): "x86" | "arm" | undefined {
  if (machine === undefined) return undefined;
  if (/^(x86_64|amd64|x64|ia32|i[3-6]86)$/.test(machine)) return "x86";
  if (/^(aarch64|arm64|arm|armv\d+\w*|evbarm\w*)$/.test(machine)) return "arm";
  return undefined;
}

/** A `name : value` line of `xl info` as a positive integer. */
function field(info: string, name: string): number | undefined {
  const match = new RegExp(`^${name}\\s*:\\s*(\\d+)\\s*$`, "m").exec(info);
  const n = match ? Number(match[1]) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}
