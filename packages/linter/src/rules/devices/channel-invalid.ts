import type { FileRule } from "../../engine/types";
import { replaceRange } from "../util/edits";
import { reportListProblems } from "../util/devices-lists";
import { spanRange } from "../util/settings";

/** A `channel` item xl refuses, libxl refuses, or reads only in part. */
export const channelInvalid: FileRule = {
  id: "channel-invalid",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "safe",
  summary: "A `channel` without a usable `connection`, a socket without `path`, a pair xl cannot split, or a channel without `name`",
  docs: {
    description: [
      "A channel is a named byte stream between the guest and dom0, typically the guest agent's socket.",
      "Each item is `name=NAME,connection=pty` or `name=NAME,connection=socket,path=PATH`. xl refuses the",
      "config when `connection` is missing or is not exactly `pty` or `socket` (lower case, though the",
      "manual shows `SOCKET`), when a socket has no `path`, or when a pair has an empty side. A channel",
      "without `name` passes xl but libxl refuses to create the guest.",
      "",
      "Warnings cover what xl accepts but reads differently: a key it does not know (xl prints a message",
      "and skips it), a value cut at a second `=`, a repeated key, and a `path` on a pty. The fix lowers",
      "the case of `PTY` and `SOCKET`.",
      "",
      "Where Xen refuses a channel without a name: libxl_console.c, `libxl__init_console_from_channel` (\"channel %d has no name\").",
    ].join("\n"),
    invalid: [
      { config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nchannel = [ "name=org.qemu.guest_agent.0,connection=SOCKET,path=/run/xen/web01-qga" ]\n', note: "Only lower case `socket` is accepted." },
      { config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nchannel = [ "name=org.qemu.guest_agent.0,connection=socket" ]\n', note: "A socket needs `path=`." },
      { config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nchannel = [ "connection=pty" ]\n', note: "libxl refuses a channel without a name." },
    ],
    valid: [{ config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nchannel = [ "name=org.qemu.guest_agent.0,connection=socket,path=/run/xen/web01-qga" ]\n' }],
  },
  check(context) {
    reportListProblems(context, ["channel"], {
      fix: ({ problem, spec }) => {
        if (problem.code !== "unknown-connection" || !spec) return undefined;
        const written = spec.text.slice(problem.span.start, problem.span.end);
        const lower = written.toLowerCase();
        if (lower !== "pty" && lower !== "socket") return undefined;
        return { title: `Write \`${lower}\` in lower case`, safety: "safe", edits: [replaceRange(spanRange(context, spec, problem.span), lower)] };
      },
    });
  },
};
