/**
 * Facts about the dom0 that some rules need and a config file cannot tell:
 * which bridges exist, what xl.conf makes the vif defaults, the architecture.
 * The CLI and the language server fill it from flags, the config file, or the
 * machine; the linter only reads it.
 */
export type HostArch = "x86" | "arm";

export interface HostProfile {
  /**
   * The host's architecture when stated (xlint.json `host.arch`,
   * `--host-from-system`); undefined when unknown, and then each config's own
   * keys decide (see `resolveArch`).
   */
  readonly arch: HostArch | undefined;
  /** The bridges that exist on the host; undefined when unknown (then no bridge is reported missing). */
  readonly bridges: readonly string[] | undefined;
  /** xl.conf `vif.default.bridge`; undefined means xl's built-in default, `xenbr0`. */
  readonly defaultBridge: string | undefined;
  /** xl.conf `vif.default.script`; undefined means `vif-bridge`. */
  readonly defaultVifScript: string | undefined;
  /** The Xen release the configs are for (`4.17`): decides which newer keys xl knows. */
  readonly xenVersion: string;
  /** Physical CPUs (`xl info`'s nr_cpus); undefined when unknown (then CPU numbers are not checked). */
  readonly cpus: number | undefined;
  /** NUMA nodes (`xl info`'s nr_nodes); undefined when unknown (then node numbers are not checked). */
  readonly numaNodes: number | undefined;
  /** The CPU pools that exist (`xl cpupool-list`); undefined when unknown (then only an empty pool name is reported). */
  readonly cpupools: readonly string[] | undefined;
  /**
   * The dom0 this file's guest runs on (xlint.json `host.name`, or a folder
   * declared in `hosts`). Names, UUIDs and local disk targets are compared
   * only among the files of one host; files with no name share one unnamed host.
   */
  readonly name?: string;
  /**
   * The network the host's bridges join (xlint.json `host.network`). When
   * given, MAC addresses are compared only among files of the same network
   * (files without one share one); otherwise across all hosts.
   */
  readonly network?: string;
  /** The dom0's operating system; undefined when unknown (then Linux's paths are assumed where a path is shown). */
  readonly os?: HostOs;
  /** NetBSD dom0: how many vnd(4) device nodes /dev holds (MAKEDEV's `all` makes 4); undefined when not stated. */
  readonly vndDevices?: number;
  /**
   * Keys the host's xl reads beyond the catalog (xlint.json `host.extraKeys`):
   * a patched or vendor xl (`dt_passthrough_nodes`), or a key backported to
   * an older release. `unknown-key` and `xm-only-key` leave them alone.
   */
  readonly extraKeys?: readonly string[];
}

export type HostOs = "linux" | "netbsd" | "freebsd";

/**
 * Xen's configuration folder on the dom0: XEN_CONFIG_DIR is `$sysconfdir/xen`
 * (Xen's m4/paths.m4), where sysconfdir is /etc on Linux and
 * `$prefix/etc` on FreeBSD (prefix /usr/local); NetBSD's xentools packages
 * install under pkgsrc's /usr/pkg/etc.
 */
export function xenConfigDir(os: HostOs | undefined): string {
  if (os === "netbsd") return "/usr/pkg/etc/xen";
  if (os === "freebsd") return "/usr/local/etc/xen";
  return "/etc/xen";
}

/** The host as rules see it: `arch` is always the arch the file is meant for (stated, inferred, or x86 by default). */
export interface EffectiveHost extends HostProfile {
  readonly arch: HostArch;
}

export const DEFAULT_HOST: HostProfile = {
  arch: undefined,
  bridges: undefined,
  defaultBridge: undefined,
  defaultVifScript: undefined,
  xenVersion: "4.17",
  cpus: undefined,
  numaNodes: undefined,
  cpupools: undefined,
};

/** Compares two `major.minor` releases: negative when a is older than b. */
export function compareXenVersions(a: string, b: string): number {
  const [aMajor, aMinor] = releaseNumbers(a);
  const [bMajor, bMinor] = releaseNumbers(b);
  return aMajor - bMajor || aMinor - bMinor;
}

/** Rules compare releases for every key of every file, against a handful of distinct strings: read each once. */
const releases = new Map<string, readonly [number, number]>();

function releaseNumbers(release: string): readonly [number, number] {
  let numbers = releases.get(release);
  if (!numbers) {
    const [major = 0, minor = 0] = release.split(".").map(Number);
    numbers = [major, minor];
    releases.set(release, numbers);
  }
  return numbers;
}

/** The bridge a vif without `bridge=` is attached to. */
export function effectiveDefaultBridge(host: HostProfile): string {
  return host.defaultBridge ?? "xenbr0";
}
