/**
 * Facts about the dom0 that some rules need and a config file cannot tell:
 * which bridges exist, what xl.conf makes the vif defaults, the architecture.
 * The CLI and the language server fill it from flags, the config file, or the
 * machine; the linter only reads it.
 */
export interface HostProfile {
  readonly arch: "x86" | "arm";
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
}

export const DEFAULT_HOST: HostProfile = {
  arch: "x86",
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
