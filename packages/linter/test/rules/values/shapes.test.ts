import { describe, expect, it } from "vitest";
import { HVM, PV, PVH, applyFix, covered, findings, only } from "./helpers";

describe("wrong-value-shape", () => {
  it("makes a device list written as a string an error, and the fix adds the brackets", () => {
    const text = `${PVH}disk = "phy:/dev/vg0/web01,xvda,w"\n`;
    const d = only(text, "wrong-value-shape");
    expect(d.severity).toBe("error");
    expect(covered(text, d)).toBe('"phy:/dev/vg0/web01,xvda,w"');
    expect(d.help).toContain("no `disk` devices at all");
    // xl dropped the string: with the fix the guest gets a disk it did not have.
    expect(d.fix?.safety).toBe("unsafe");
    const fixed = applyFix(text, d.fix);
    expect(fixed).toContain('disk = [ "phy:/dev/vg0/web01,xvda,w" ]');
    expect(findings(fixed, "wrong-value-shape")).toEqual([]);
  });

  it("makes a list for `name` an error and unwraps a one-item list", () => {
    const text = 'name = [ "web01" ]\ntype = "pvh"\nkernel = "/boot/vmlinuz"\n';
    const d = only(text, "wrong-value-shape");
    expect(d.severity).toBe("error");
    expect(applyFix(text, d.fix)).toBe('name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\n');
    expect(findings(text, "missing-name")).toEqual([]);
  });

  it("warns when xl only warns and ignores the key, and offers no fix for several items", () => {
    const text = `${PVH}memory = [ 1024, 2048 ]\n`;
    const d = only(text, "wrong-value-shape");
    expect(d.severity).toBe("warning");
    expect(d.fix).toBeUndefined();
  });

  it("follows the catalog: fatal for mca_caps and device_model_args, silent for vnuma", () => {
    expect(only(`${HVM}mca_caps = "lmce"\n`, "wrong-value-shape").severity).toBe("error");
    const args = only(`${PV}device_model_args = "-a -b"\n`, "wrong-value-shape");
    expect(args.severity).toBe("error");
    expect(args.fix, "two arguments in one string cannot become one list item").toBeUndefined();
    const vnuma = only(`${HVM}vnuma = "pnode=0"\n`, "wrong-value-shape");
    expect(vnuma.severity).toBe("warning");
    expect(vnuma.help).toContain("without a word");
  });

  it("reports an empty `bootloader_args` string, which crashes xl, and leaves the deprecated string form alone", () => {
    expect(only(`${PV}bootloader_args = ""\n`, "wrong-value-shape").severity).toBe("error");
    expect(findings(`${PV}bootloader_args = "-q"\n`, "wrong-value-shape")).toEqual([]);
  });

  it("checks only what xl reads for the guest", () => {
    expect(findings(`${PV}mca_caps = "lmce"\n`, "wrong-value-shape"), "HVM-only key on PV").toEqual([]);
    expect(findings(`${PV}vnclisten = [ "0.0.0.0" ]\n`, "wrong-value-shape"), "PV reads it only with vnc on").toEqual([]);
    expect(only(`${PV}vnc = 1\nvnclisten = [ "0.0.0.0" ]\n`, "wrong-value-shape").severity).toBe("warning");
    expect(only(`${PV}vfb = [ "vnc=1" ]\nvnclisten = [ "0.0.0.0" ]\n`, "wrong-value-shape").severity).toBe("warning");
    expect(findings(`${PV}vfb = [ "vnc=1" ]\nkeymap = [ "de" ]\n`, "wrong-value-shape"), "keymap only with vnc on").toEqual([]);
  });

  it("accepts both shapes where xl does, and leaves keys xl only warns about to ignored-option", () => {
    expect(findings(`${PV}cpus = [ "0", "1" ]\ncpus_soft = "2-3"\n`, "wrong-value-shape")).toEqual([]);
    expect(findings(`${HVM}serial = "pty"\nusbdevice = [ "tablet" ]\nviridian = 1\n`, "wrong-value-shape")).toEqual([]);
    expect(findings(`${PV}device_model = [ "x" ]\nvif2 = "bridge=xenbr0"\n`, "wrong-value-shape")).toEqual([]);
  });

  it("reports a list for `type` as a warning: xl falls back to the default type", () => {
    const d = only('name = "t"\ntype = [ "hvm" ]\n', "wrong-value-shape");
    expect(d.severity).toBe("warning");
    expect(d.help).toContain("default type");
  });
});

describe("nested-list-item", () => {
  it("points at the first nested list and counts the items dropped after it", () => {
    const text = `${PVH}disk = [ "phy:/dev/a,xvda,w", [ "phy:/dev/b,xvdb,w" ], "phy:/dev/c,xvdc,w" ]\n`;
    const d = only(text, "nested-list-item");
    expect(d.severity).toBe("warning");
    expect(covered(text, d)).toBe('[ "phy:/dev/b,xvdb,w" ]');
    expect(d.message).toContain("Item 2 of `disk`");
    expect(d.help).toContain("the 1 after it");
  });

  it("makes it an error where xl refuses (irqs, ioports, iomem) or crashes (mca_caps)", () => {
    expect(only(`${PV}irqs = [ 5, [ 7 ] ]\n`, "nested-list-item").severity).toBe("error");
    expect(only(`${PV}ioports = [ [ "2f8" ] ]\n`, "nested-list-item").severity).toBe("error");
    expect(only(`${HVM}mca_caps = [ [ "lmce" ] ]\n`, "nested-list-item").help).toContain("crashes");
  });

  it("covers lists that also take a string, and leaves list-of-list keys and viridian to their rules", () => {
    expect(only(`${PV}cpus = [ "0", [ "1" ] ]\n`, "nested-list-item").severity).toBe("warning");
    expect(findings(`${HVM}vnuma = [ [ "pnode=0", "size=512", "vcpus=0", "vdistances=10" ] ]\n`, "nested-list-item")).toEqual([]);
    expect(findings(`${HVM}viridian = [ [ "base" ] ]\n`, "nested-list-item")).toEqual([]);
    expect(findings(`${PV}memory = [ [ 1 ] ]\n`, "nested-list-item"), "a list for a single value is a shape problem").toEqual([]);
  });
});
