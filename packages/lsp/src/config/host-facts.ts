/**
 * `hostFromSystem`: the host facts of the machine the server runs on, read as
 * the CLI's `--host-from-system` reads them (`readSystemHost`), when the mode
 * asks for them: "on" always, "auto" only on a dom0 (dom0-probe.ts), "off"
 * never. What was read, and from where, is said in words for the log.
 */
import { readSystemHost, type SystemAccess, type SystemHost } from "@xlint/files";
import { probeDom0, type Dom0Verdict, type MachineAccess } from "./dom0-probe";
import type { HostFromSystem } from "./settings";

export interface MachineFacts {
  /** The facts, or undefined when the mode did not read them. */
  readonly system: SystemHost | undefined;
  /** The dom0 verdict, when "auto" asked for one. */
  readonly verdict: Dom0Verdict | undefined;
  /** What happened, in one line, for the log (connection.console.info). */
  readonly summary: string;
  /** What could not be read, in one line, or undefined. */
  readonly failures: string | undefined;
}

export function readMachineFacts(mode: HostFromSystem, machine: MachineAccess): MachineFacts {
  if (mode === "off") return { system: undefined, verdict: undefined, summary: 'xlint: hostFromSystem is "off": the host facts come from xlint.json and the settings only', failures: undefined };
  const verdict = mode === "auto" ? probeDom0(machine) : undefined;
  if (verdict !== undefined && !verdict.dom0) {
    return {
      system: undefined,
      verdict,
      summary: `xlint: hostFromSystem "auto": not a dom0 (${verdict.evidence}), so this machine's bridges and CPUs are not used; "on" reads them anyway`,
      failures: undefined,
    };
  }
  const access = machine.system();
  const system = readSystemHost(access);
  const why = verdict !== undefined ? `a dom0: ${verdict.evidence}` : 'hostFromSystem "on"';
  return {
    system,
    verdict,
    summary: `xlint: host facts from this machine (${why}): ${describeFacts(system, access)}`,
    failures: system.notes.length > 0 ? `xlint: host facts not read: ${system.notes.join("; ")}` : undefined,
  };
}

/** Each fact with the place it came from, as readSystemHost reads them. */
function describeFacts(system: SystemHost, access: SystemAccess): string {
  const host = system.host;
  const parts: string[] = [];
  if (host.os !== undefined) parts.push(`os ${host.os} (the platform)`);
  if (host.bridges !== undefined) {
    const where = access.platform === "netbsd" ? "`ifconfig -l`" : access.sysClassNet;
    parts.push(`bridges ${host.bridges.length === 0 ? "none" : host.bridges.join(", ")} (${where})`);
  }
  if (host.cpus !== undefined) parts.push(`cpus ${host.cpus} (\`xl info\`)`);
  if (host.numaNodes !== undefined) parts.push(`NUMA nodes ${host.numaNodes} (\`xl info\`)`);
  if (host.cpupools !== undefined) parts.push(`CPU pools ${host.cpupools.join(", ")} (\`xl cpupool-list\`)`);
  if (host.arch !== undefined) parts.push(`arch ${host.arch} (\`xl info\`, else the CPU)`);
  if (system.xlConf !== undefined) parts.push(`the dom0's xl.conf ${system.xlConf}`);
  return parts.length > 0 ? parts.join(", ") : "nothing";
}
