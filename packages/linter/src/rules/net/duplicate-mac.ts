import { formatMac } from "@xlint/parser";
import { rangeOfFact } from "../../engine/plain";
import type { ProjectRule } from "../../engine/types";
import { vifEntries, vifRange, type VifEntry } from "../util/net-vifs";
import { hostFact, onHost, otherPlaces, othersOf, placeOf, relatedOf, repeatedGroups, scopedKey, type Use } from "../util/project-values";

/** A vif's MAC as collected from one file. */
interface MacFact {
  /** Canonical, as xl reads it. */
  readonly mac: string;
  /** As written, when that differs. */
  readonly written?: string;
  readonly range: Use["range"];
}

/** One file's MACs, with the host and network it belongs to (see engine/host-scope.ts). */
interface MacFacts {
  readonly macs: MacFact[];
  readonly host?: string;
  readonly network?: string;
}

/** One MAC address on two vifs, in one guest or across the guests of a run. */
export const duplicateMac: ProjectRule<MacFacts> = {
  id: "duplicate-mac",
  scope: "project",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "One MAC address is given to two vifs, in one guest or in two guests of one repository",
  docs: {
    description: [
      "Neither xl nor libxl checks that MAC addresses are unique: two vifs with the same `mac=` start",
      "without a word, and then fight over the address on the bridge, so traffic goes to whichever guest",
      "spoke last. This rule compares the MACs of every vif of the files linted and of the other configs of",
      "their repository (so a pre-commit hook given one new guest still sees the old ones), as xl reads them",
      "(case, separators and leading zeros do not matter), and points at up to three other uses. Give each",
      "vif its own address, or leave `mac=` out to let xl pick a random one.",
      "",
      "MACs are compared across all hosts of a repository, since the bridges of different dom0s often join",
      "one LAN; findings name the host of each other use when hosts are named (`host.name` or `hosts` in",
      "`xlint.json`). Where hosts sit on separate networks, give each file's host a `host.network`: MACs are",
      "then compared only among files of the same network (files without one share one network).",
    ].join("\n"),
    invalid: [
      {
        config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 512\nvcpus = 1\nvif = [ "mac=00:16:3e:00:00:01,bridge=xenbr0" ]\n',
        otherFiles: { "web02.cfg": 'name = "web02"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 512\nvcpus = 1\nvif = [ "mac=00:16:3E:00:00:01,bridge=xenbr0" ]\n' },
        note: "The same address as web02's, written in other case.",
      },
      { config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 512\nvcpus = 1\nvif = [ "mac=00:16:3e:00:00:01", "mac=00:16:3e:00:00:01,bridge=br1" ]\n' },
    ],
    valid: [
      {
        config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 512\nvcpus = 1\nvif = [ "mac=00:16:3e:00:00:01,bridge=xenbr0" ]\n',
        otherFiles: { "web02.cfg": 'name = "web02"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 512\nvcpus = 1\nvif = [ "mac=00:16:3e:00:00:02,bridge=xenbr0" ]\n' },
      },
    ],
  },
  collect(file) {
    const macs: MacFact[] = [];
    for (const entry of vifEntries(file)) {
      const mac = macKey(entry);
      if (!mac || !entry.vif.mac) continue;
      const written = entry.vif.mac.value.text;
      // `written: undefined` leaves the key out of the facts' JSON, as a spread would, at less cost per vif.
      macs.push({ mac, written: written === mac ? undefined : written, range: file.keep(vifRange(file, entry, entry.vif.mac.span)) });
    }
    const network = file.host.network;
    return macs.length > 0 ? { macs, ...hostFact(file), ...(network !== undefined ? { network } : {}) } : undefined;
  },
  relatesBy: (facts) => facts.macs.map((m) => m.mac),
  check(context) {
    // Fields copied one by one rather than spread: this runs for every vif on every keystroke in the language server, and spreading is several times slower.
    const usesOf = (file: { path: string; facts: MacFacts }) =>
      file.facts.macs.map((m) => ({ mac: m.mac, written: m.written, range: m.range, path: file.path, host: file.facts.host, network: file.facts.network }));
    // Across all hosts, unless files name their network (see engine/host-scope.ts).
    for (const group of repeatedGroups(context.files, usesOf, (use) => scopedKey(use.network, use.mac)).values()) {
      group.forEach((use, i) => {
        const { shown, more } = othersOf(group, i);
        const mac = use.mac;
        const here = use.host !== undefined && shown.some((o) => o.path !== use.path) ? ` on host ${use.host}` : "";
        const places = otherPlaces(shown.map((o) => ({ place: placeOf(o, use.path, true), local: o.path === use.path })), more, "vif");
        context.report(use.path, {
          range: rangeOfFact(use.range),
          message: `MAC \`${use.written ?? mac}\`${use.written !== undefined ? ` (${mac})` : ""}${here} is also used ${places.short.startsWith("line ") ? "at" : "by"} ${places.short}`,
          help: `${places.helpLead}xl does not check this, and two interfaces with one address on a network steal each other's traffic. Give each vif its own MAC, or drop \`mac=\` to get a random one.`,
          related: relatedOf(shown, (o) => `the same MAC ${mac}${onHost(o.host)}`),
        });
      });
    }
  },
};

/** The address xl ends up with, canonical; none when xl picks a random one or cannot tell. */
function macKey(entry: VifEntry): string | undefined {
  const octets = entry.vif.xlMac;
  if (!octets || octets.every((o) => o === 0)) return undefined;
  return formatMac(octets);
}
