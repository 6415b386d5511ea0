/**
 * Is this machine a dom0? `hostFromSystem: "auto"` reads the host's facts only
 * then: elsewhere (a laptop editing a repository of configs) the bridges and
 * CPUs of the editing machine say nothing about the hosts the configs are for.
 *
 * - Linux: xenfs's /proc/xen/capabilities reads `control_d` in the control
 *   domain only (it is empty in a domU, and absent off Xen or without xenfs;
 *   OpenRC's rc_sys tells XEN0 from XENU the same way).
 * - NetBSD: the kernel adds /kern/xen/privcmd to kernfs only in the
 *   privileged domain (`xenprivcmd_init` returns early without
 *   SIF_PRIVILEGED), and the Xen HOWTO has a dom0 mount kernfs on /kern;
 *   pkgsrc's xencommons script requires that file before it starts.
 * - Elsewhere (FreeBSD included) we know no such sign, so "auto" reads nothing.
 *
 * Everything goes through `MachineAccess`, so tests give a fake machine.
 */
import { existsSync, readFileSync } from "node:fs";
import { realSystem, type SystemAccess } from "@xlint/files";

export interface MachineAccess {
  readonly platform: NodeJS.Platform;
  /** A small file's text (procfs, kernfs); undefined when absent or unreadable. */
  readonly readText: (file: string) => string | undefined;
  readonly exists: (file: string) => boolean;
  /** What `--host-from-system` reads through; made only when the facts are read. */
  readonly system: () => SystemAccess;
}

export interface Dom0Verdict {
  readonly dom0: boolean;
  /** Why, in words, with the file it looked at. */
  readonly evidence: string;
}

export const LINUX_CAPABILITIES = "/proc/xen/capabilities";
export const NETBSD_PRIVCMD = "/kern/xen/privcmd";

export function probeDom0(machine: MachineAccess): Dom0Verdict {
  if (machine.platform === "linux") {
    const capabilities = machine.readText(LINUX_CAPABILITIES);
    if (capabilities === undefined) return { dom0: false, evidence: `${LINUX_CAPABILITIES} does not exist (not running on Xen, or xenfs is not mounted)` };
    if (/\bcontrol_d\b/.test(capabilities)) return { dom0: true, evidence: `${LINUX_CAPABILITIES} says control_d` };
    return { dom0: false, evidence: `${LINUX_CAPABILITIES} does not say control_d (a domU)` };
  }
  if (machine.platform === "netbsd") {
    if (machine.exists(NETBSD_PRIVCMD)) return { dom0: true, evidence: `${NETBSD_PRIVCMD} exists` };
    return { dom0: false, evidence: `${NETBSD_PRIVCMD} does not exist (not a dom0, or kernfs is not mounted on /kern)` };
  }
  return { dom0: false, evidence: `xlint knows no sign of a dom0 on ${machine.platform}` };
}

/** The machine the server runs on. */
export function realMachine(): MachineAccess {
  return {
    platform: process.platform,
    readText: (file) => {
      try {
        return readFileSync(file, "utf8");
      } catch {
        return undefined;
      }
    },
    exists: (file) => existsSync(file),
    system: realSystem,
  };
}
