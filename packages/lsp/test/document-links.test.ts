import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { analyzeDocument } from "../src/features/document-analysis";
import { documentLinks, fileUriOf } from "../src/features/document-links";
import { rangeOf } from "./text-places";

const linksOf = (text: string, fileName = "g.cfg") => documentLinks(analyzeDocument(text, fileName)).map((l) => ({ range: l.range, target: l.target }));

describe("documentLinks", () => {
  it("links the kernel, ramdisk and bootloader paths and file-backed disk targets", () => {
    const text = [
      'kernel = "/boot/vmlinuz-6.1"',
      "ramdisk = '/boot/initrd.img-6.1'",
      'bootloader = "/usr/lib/xen/bin/pygrub"',
      'disk = [ "/srv/xen/wéb 01.img,raw,xvda,w", "format=qcow2,vdev=xvdb,target=/srv/xen/data.qcow2" ]',
      "",
    ].join("\n");
    expect(linksOf(text)).toEqual([
      { range: rangeOf(text, "/boot/vmlinuz-6.1"), target: "file:///boot/vmlinuz-6.1" },
      { range: rangeOf(text, "/boot/initrd.img-6.1"), target: "file:///boot/initrd.img-6.1" },
      { range: rangeOf(text, "/usr/lib/xen/bin/pygrub"), target: "file:///usr/lib/xen/bin/pygrub" },
      { range: rangeOf(text, "/srv/xen/wéb 01.img"), target: pathToFileURL("/srv/xen/wéb 01.img").href },
      { range: rangeOf(text, "/srv/xen/data.qcow2"), target: "file:///srv/xen/data.qcow2" },
    ]);
  });

  it("links nothing relative, no device, nothing behind a hotplug script", () => {
    const text = [
      'kernel = "vmlinuz"',
      'bootloader = "pygrub"',
      'disk = [ "phy:/dev/vg/a,xvda,w", "images/b.img,raw,xvdb,w", "iscsi:iqn.2001-05.com.example:x,xvdc,w", "script=block-drbd,vdev=xvdd,target=/srv/r0", ",,hdc:cdrom,r" ]',
      "",
    ].join("\n");
    expect(linksOf(text)).toEqual([]);
  });

  it("gives URIs that decode to the same path", () => {
    for (const path of ["/srv/a b/c#d?.img", "/srv/100%/x", "/srv/🦊/é.img", "/a:b@c+d,e;f=g&h$i'(j)*!k"]) {
      expect(decodeURIComponent(new URL(fileUriOf(path)).pathname)).toBe(path);
      expect(new URL(fileUriOf(path)).href).toBe(new URL(fileUriOf(path)).href.replace(/#.*$/, ""));
    }
  });

  it("links nothing in xl.conf", () => {
    expect(linksOf('kernel = "/boot/vmlinuz"\n', "xl.conf")).toEqual([]);
  });
});
