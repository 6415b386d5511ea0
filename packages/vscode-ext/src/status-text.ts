/**
 * What the status bar item says, as plain data (no `vscode`), so it is tested
 * without VS Code: the guest type first, since that decides which keys apply.
 */
import type { DocumentStatus } from "./protocol";
import type { ServerState } from "./client";

export interface StatusView {
  readonly text: string;
  /** Markdown. */
  readonly tooltip: string;
  readonly command: string;
  readonly warning: boolean;
}

const GUEST_TYPE_NAMES: Record<string, string> = { pv: "PV", pvh: "PVH", hvm: "HVM" };
const KIND_NAMES: Record<string, string> = { "xl-conf": "xl.conf", cpupool: "cpupool file" };

export function describeStatus(state: ServerState, status: DocumentStatus | undefined): StatusView {
  if (state !== "running" || status === undefined) {
    const starting = state === "starting";
    return {
      text: starting ? "$(sync~spin) xlint" : "$(circle-slash) xlint",
      tooltip: starting ? "The xlint language server is starting." : "The xlint language server is not running. Click to see its output.",
      command: "xlint.showOutput",
      warning: !starting,
    };
  }
  const server = status.indexing ? `indexing the workspace (${status.indexedConfigs} configs so far)` : `running; ${status.indexedConfigs} configs in the workspace`;
  const lines: string[] = [];
  let label: string;
  if (status.kind !== "domain") {
    label = KIND_NAMES[status.kind] ?? status.kind;
    lines.push(`This file is read as ${label === status.kind ? `a ${label} file` : `an ${label}`}, not a domain config.`);
  } else if (status.guestType === undefined) {
    label = "no guest type";
    lines.push("xl refuses this file's guest type (`type` or `builder`); the Problems panel says why.");
  } else {
    label = GUEST_TYPE_NAMES[status.guestType] ?? status.guestType;
    lines.push(`Guest type **${label}**, ${guestTypeReason(status)}.`);
    if (status.guestOs !== undefined && status.guestOs !== "unknown") lines.push(`Guest OS: ${status.guestOs}.`);
    if (status.arch !== undefined) lines.push(`Architecture: ${status.arch}.`);
  }
  lines.push(`Server: ${server}.`, "", "Click to see the settings xl reads from this file.");
  const busy = status.indexing ? "$(sync~spin)" : "$(check)";
  return { text: `${busy} xl: ${label}`, tooltip: lines.join("  \n"), command: "xlint.showSettingsXlReads", warning: false };
}

function guestTypeReason(status: DocumentStatus): string {
  switch (status.guestTypeSource) {
    case "type":
      return "from `type`";
    case "builder":
      return "from `builder` (deprecated)";
    case "default":
      return "xl's default: neither `type` nor `builder` is set";
    default:
      return "as xl resolves it";
  }
}
