import { DEFAULT_HOST, type HostProfile } from "@xlint/linter";
import type { CompletionItem } from "vscode-languageserver";
import { describe, expect, it } from "vitest";
import { completeAt } from "../src/features/completion";
import { analyzeDocument } from "../src/features/document-analysis";
import { EMPTY_WORKSPACE, type WorkspaceView } from "../src/workspace/workspace-view";

interface Options {
  readonly host?: Partial<HostProfile>;
  readonly workspace?: WorkspaceView;
  /** The numbers the random source gives, in turn. */
  readonly random?: readonly number[];
}

/** Completes where `|` stands in `marked`. */
function complete(marked: string, options: Options = {}): CompletionItem[] {
  const offset = marked.indexOf("|");
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const line = text.slice(0, offset).split("\n").length - 1;
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const lineEnd = text.indexOf("\n", offset);
  const lineText = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd);
  const draws = [...(options.random ?? [0])];
  let next = 0;
  const random = (): number => draws[next++ % draws.length] as number;
  return completeAt({
    analysis: analyzeDocument(text, "g.cfg"),
    offset,
    line,
    lineText,
    column: offset - lineStart,
    host: { ...DEFAULT_HOST, ...options.host },
    workspace: options.workspace ?? EMPTY_WORKSPACE,
    random,
  });
}

const labels = (items: readonly CompletionItem[]): string[] => items.map((i) => i.label);
const at = (line: number, start: number, end = start) => ({ start: { line, character: start }, end: { line, character: end } });

function workspaceWithMacs(...macs: string[]): WorkspaceView {
  const place = { startOffset: 0, startLine: 0, startColumn: 0, endOffset: 0, endLine: 0, endColumn: 0 };
  return { files: () => [{ uri: "file:///w/other.cfg", path: "other.cfg", symbols: macs.map((value) => ({ kind: "mac" as const, value, place })) }] };
}

describe("disk spec parameters", () => {
  it("offers the disk's parameters and flags after a comma, each with a doc, at the cursor", () => {
    const items = complete('disk = [ "phy:/dev/vg/a,xvda,w,|" ]\n');
    expect(labels(items)).toEqual(expect.arrayContaining(["format=", "devtype=", "backendtype=", "script=", "cdrom", "discard", "no-discard"]));
    expect(labels(items)).not.toContain("bridge=");
    const format = items.find((i) => i.label === "format=");
    expect(format?.textEdit).toEqual({ range: at(0, 31), newText: "format=" });
    expect(format?.documentation).toMatchObject({ kind: "markdown" });
  });

  it("leaves out the parameters the spec already has, and 4.19's words for a 4.17 host", () => {
    const items = labels(complete('disk = [ "vdev=xvda,|,target=/img" ]\n'));
    expect(items).not.toContain("vdev=");
    expect(items).not.toContain("target=");
    expect(items).toContain("access=");
    expect(items).not.toContain("trusted");
    expect(labels(complete('disk = [ "vdev=xvda,|" ]\n', { host: { xenVersion: "4.19" } }))).toContain("trusted");
  });

  it("replaces the part of a name already typed", () => {
    const items = complete('disk = [ "/img,raw,xvda,w,dev|" ]\n');
    expect(items.find((i) => i.label === "devtype=")?.textEdit).toEqual({ range: at(0, 26, 29), newText: "devtype=" });
  });

  it("offers nothing after target=, which takes the rest of the spec", () => {
    expect(complete('disk = [ "vdev=xvda,target=/a,|" ]\n')).toEqual([]);
  });
});

describe("disk spec values", () => {
  it("offers the formats after format=, replacing what is typed", () => {
    const items = complete('disk = [ "format=q|,vdev=xvda,target=/img" ]\n');
    expect(labels(items)).toEqual(["raw", "qcow", "qcow2", "vhd", "qed", "empty"]);
    expect(items[1]?.textEdit).toEqual({ range: at(0, 17, 18), newText: "qcow" });
  });

  it("offers access modes, device types, backend types and specifications", () => {
    expect(labels(complete('disk = [ "/img,raw,xvda,access=|" ]\n'))).toEqual(["r", "ro", "w", "rw"]);
    expect(labels(complete('disk = [ "/img,raw,xvda,devtype=|" ]\n'))).toEqual(["cdrom", "disk"]);
    expect(labels(complete('disk = [ "/img,raw,xvda,backendtype=|" ]\n'))).toEqual(["phy", "tap", "qdisk", "standalone"]);
    expect(labels(complete('disk = [ "/img,raw,xvda,specification=|" ]\n'))).toEqual(["xen", "virtio"]);
  });

  it("offers what the positional field at the cursor takes", () => {
    expect(labels(complete('disk = [ "/img,|" ]\n'))).toEqual(expect.arrayContaining(["raw", "qcow2", "format="]));
    expect(labels(complete('disk = [ "/img,raw,xvda,|" ]\n'))).toEqual(expect.arrayContaining(["r", "ro", "w", "rw"]));
    // A prefix lets the xm layout skip the format: the second field is the vdev.
    expect(labels(complete('disk = [ "phy:/dev/vg/a,|" ]\n'))).toContain("xvda");
    expect(labels(complete('disk = [ "/img,raw,|" ]\n'))).toContain("xvda");
  });
});

describe("the next free vdev", () => {
  const vdevAfter = (disks: string, extra = ""): string | undefined =>
    complete(`${extra}disk = [ ${disks}"/new,raw,vdev=|" ]\n`).map((i) => i.label)[0];

  it("is the first xvd name no other disk uses", () => {
    expect(vdevAfter("")).toBe("xvda");
    expect(vdevAfter('"/a,raw,xvda", "/b,raw,xvdb", ')).toBe("xvdc");
    expect(vdevAfter('"/a,raw,xvdb", ')).toBe("xvda");
  });

  it("follows the family in use, and the one being typed", () => {
    expect(vdevAfter('"/a,raw,hda", ')).toBe("hdb");
    expect(vdevAfter('"/a,raw,sda", "/b,raw,sdb", ')).toBe("sdc");
    const typed = complete('disk = [ "/a,raw,hda", "/new,raw,vdev=x|" ]\n');
    expect(typed[0]?.label).toBe("xvda");
    expect(typed[0]?.textEdit).toEqual({ range: at(0, 38, 39), newText: "xvda" });
  });

  it("compares what libxl decodes: numbers and partitions take their disk", () => {
    expect(vdevAfter('"/a,raw,0x300", ')).toBe("hdb");
    expect(vdevAfter('"/a,raw,xvda1", ')).toBe("xvdb");
    expect(vdevAfter('"/a,raw,51712", ')).toBe("xvdb");
  });

  it("moves to xvd when the family is full, past the IDE disks of an HVM guest", () => {
    const four = '"/a,raw,hda", "/b,raw,hdb", "/c,raw,hdc", "/d,raw,hdd", ';
    expect(vdevAfter(four)).toBe("xvda");
    expect(vdevAfter(four, 'type = "hvm"\n')).toBe("xvde");
  });

  it("states the device number", () => {
    const item = complete('disk = [ "/a,raw,xvda", "/b,raw,vdev=|" ]\n')[0];
    expect(item?.detail).toBe("next free vdev (device number 51728)");
  });

  it("works in a string still being typed, across lines", () => {
    expect(labels(complete('disk = [\n  "/a,raw,xvda",\n  "/b,raw,|'))).toContain("xvdb");
  });
});

describe("vif spec", () => {
  it("offers the vif keys a 4.17 xl reads, COLO ones aside", () => {
    const items = labels(complete('vif = [ "|" ]\n'));
    expect(items).toEqual(expect.arrayContaining(["mac=", "bridge=", "type=", "model=", "rate=", "trusted", "untrusted"]));
    expect(items).not.toContain("vlan=");
    // Read only to warn: the deprecated name of gatewaydev= and the ignored accel=.
    expect(items).not.toContain("netdev=");
    expect(items).not.toContain("accel=");
    expect(items.some((l) => l.startsWith("colo_"))).toBe(false);
    expect(labels(complete('vif = [ "|" ]\n', { host: { xenVersion: "4.19" } }))).toContain("vlan=");
  });

  it("offers types and models", () => {
    expect(labels(complete('vif = [ "bridge=xenbr0, type=|" ]\n'))).toEqual(["vif", "ioemu"]);
    expect(labels(complete('vif = [ "model=|" ]\n'))).toEqual(["rtl8139", "e1000"]);
  });

  it("offers the host's bridges, or xl's default bridge when they are not known", () => {
    const items = complete('vif = [ "mac=00:16:3e:00:00:01,bridge=x|" ]\n', { host: { bridges: ["xenbr0", "xenbr1"] } });
    expect(labels(items)).toEqual(["xenbr0", "xenbr1"]);
    expect(items[0]?.textEdit).toEqual({ range: at(0, 38, 39), newText: "xenbr0" });
    expect(labels(complete('vif = [ "bridge=|" ]\n'))).toEqual(["xenbr0"]);
    expect(labels(complete('vif = [ "bridge=|" ]\n', { host: { defaultBridge: "br0" } }))).toEqual(["br0"]);
  });

  it("offers a fresh MAC in Xen's range, the fourth octet below 0x80", () => {
    const items = complete('vif = [ "mac=|" ]\n', { random: [0.5, 0.25, 0.75] });
    expect(labels(items)).toEqual(["00:16:3e:40:40:c0"]);
    expect(items[0]?.textEdit).toEqual({ range: at(0, 13), newText: "00:16:3e:40:40:c0" });
    expect(labels(complete('vif = [ "mac=|" ]\n', { random: [0.999999] }))).toEqual(["00:16:3e:7f:ff:ff"]);
  });

  it("draws again when the workspace or this file uses the MAC", () => {
    const draws = [0.5, 0.25, 0.75, 0, 0, 0.5];
    expect(labels(complete('vif = [ "mac=|" ]\n', { random: draws, workspace: workspaceWithMacs("00:16:3e:40:40:c0") }))).toEqual(["00:16:3e:00:00:80"]);
    const here = 'vif = [ "mac=00:16:3E:40:40:C0", "mac=|" ]\n';
    expect(labels(complete(here, { random: draws }))).toEqual(["00:16:3e:00:00:80"]);
  });
});

describe("pci spec", () => {
  it("offers the PCI keys after the address", () => {
    const items = labels(complete('pci = [ "01:00.0,|" ]\n'));
    expect(items).toEqual(["bdf=", "vslot=", "permissive=", "msitranslate=", "seize=", "power_mgmt=", "rdm_policy=", "name="]);
  });

  it("offers 1 and 0 for the flags, and the RDM policies", () => {
    expect(labels(complete('pci = [ "01:00.0,seize=|" ]\n'))).toEqual(["1", "0"]);
    expect(labels(complete('pci = [ "01:00.0,rdm_policy=|" ]\n'))).toEqual(["strict", "relaxed"]);
  });
});

describe("outside a spec", () => {
  it("keeps key and value completion elsewhere", () => {
    expect(labels(complete("on_crash = |\n"))).toContain("preserve");
    // A string list that is not a device spec is not read as one.
    expect(labels(complete('type = "hvm"\nviridian = [ "|" ]\n'))).toContain("base");
  });
});
