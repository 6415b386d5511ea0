/**
 * The device-list rules on their own: where findings point, their severity
 * by what xl does, the guest types and hosts they skip, and their fixes.
 */
import { describe, expect, it } from "vitest";
import { applyFix, covered, deviceFindings, findings, HEAD, summary } from "./helpers";

describe("pci-invalid-spec", () => {
  it("points at the option xl does not know, blank included, and at a slot above 1f", () => {
    const text = `${HEAD.pv}pci = [ "01:00.0, seize=1", "02:00.0@20" ]\n`;
    const found = findings(text, "pci-invalid-spec");
    expect(found.map((d) => [d.severity, covered(text, d)])).toEqual([
      ["error", " seize"],
      ["error", "@20"],
    ]);
    expect(found[1]?.message).toMatch(/hex: decimal 20 is `14`/);
  });

  it("warns about what xl reads differently, and is silent on a correct list", () => {
    const text = `${HEAD.pv}pci = [ "0000:01:00.0,permissive=yes" ]\n`;
    expect(summary(findings(text, "pci-invalid-spec"))).toEqual(["pci-invalid-spec:warning"]);
    expect(findings(`${HEAD.hvm}pci = [ "0000:01:00.0@1f,permissive=1", "name=gpu0", "01:00.*" ]\n`, "pci-invalid-spec")).toEqual([]);
  });

  it("on a PVH guest keeps only what stops xl (the list itself is the guest rules' business)", () => {
    expect(summary(findings(`${HEAD.pvh}pci = [ "01:00.0,permissive=yes" ]\n`, "pci-invalid-spec"))).toEqual([]);
    expect(summary(findings(`${HEAD.pvh}pci = [ "01:00.0,foo=1" ]\n`, "pci-invalid-spec"))).toEqual(["pci-invalid-spec:error"]);
  });

  it("reads only the items before a nested list, as xl does (the nested list is the values rules' finding)", () => {
    expect(findings(`${HEAD.pv}pci = [ "01:00.0", [ "x" ], "bogus" ]\n`, "pci-invalid-spec")).toEqual([]);
  });
});

describe("rdm-ignored", () => {
  it("points at `policy=…` and offers to remove it with its comma; the result is clean", () => {
    const text = `${HEAD.hvm}rdm = "strategy=host,policy=relaxed"\n`;
    const [finding, ...rest] = findings(text, "rdm-ignored");
    expect(rest).toEqual([]);
    expect(covered(text, finding!)).toBe("policy=relaxed");
    expect(finding?.fix?.safety).toBe("unsafe");
    const fixed = applyFix(text, finding?.fix);
    expect(fixed).toContain('rdm = "strategy=host"\n');
    expect(findings(fixed, "rdm-ignored")).toEqual([]);
  });

  it("also removes a leading `policy=`", () => {
    const text = `${HEAD.hvm}rdm = "policy=strict,strategy=host"\n`;
    expect(applyFix(text, findings(text, "rdm-ignored")[0]?.fix)).toContain('rdm = "strategy=host"\n');
  });

  it("keeps only xl's printed complaints for a guest that never uses rdm", () => {
    expect(findings(`${HEAD.pv}rdm = "strategy=host,policy=strict"\n`, "rdm-ignored")).toEqual([]);
    expect(summary(findings(`${HEAD.pv}rdm = "strategy=bogus"\n`, "rdm-ignored"))).toEqual(["rdm-ignored:warning"]);
  });

  it("points at the whole value when it is empty", () => {
    const text = `${HEAD.hvm}rdm = ""\n`;
    expect(findings(text, "rdm-ignored").map((d) => covered(text, d))).toEqual(['""']);
  });
});

describe("invalid-io-resource", () => {
  it("points inside bare numbers as well as strings", () => {
    const text = `${HEAD.pv}irqs = [ 7, "0x10", 99999999999 ]\n`;
    expect(findings(text, "invalid-io-resource").map((d) => covered(text, d))).toEqual(["0x10", "99999999999"]);
  });

  it("warns about junk after a single port, which xl reports and skips", () => {
    const text = `${HEAD.pv}ioports = [ "3f8x" ]\n`;
    const found = findings(text, "invalid-io-resource");
    expect(found.map((d) => [d.severity, covered(text, d)])).toEqual([["warning", "x"]]);
  });

  it("reports ranges Xen refuses as errors", () => {
    expect(summary(findings(`${HEAD.pv}ioports = [ "3f8-3f0" ]\niomem = [ "fe000,0" ]\n`, "invalid-io-resource"))).toEqual([
      "invalid-io-resource:error",
      "invalid-io-resource:error",
    ]);
  });
});

describe("channel-invalid", () => {
  it("lowers the case of the connection as a safe fix, after which the channel is clean", () => {
    const text = `${HEAD.pv}channel = [ "name=org.qemu.guest_agent.0,connection=PTY" ]\n`;
    const [finding] = findings(text, "channel-invalid");
    expect(covered(text, finding!)).toBe("PTY");
    expect(finding?.fix?.safety).toBe("safe");
    const fixed = applyFix(text, finding?.fix);
    expect(fixed).toContain("connection=pty");
    expect(deviceFindings(fixed)).toEqual([]);
  });

  it("has no fix for a connection that is not pty or socket in any case", () => {
    expect(findings(`${HEAD.pv}channel = [ "name=a,connection=serial" ]\n`, "channel-invalid")[0]?.fix).toBeUndefined();
  });

  it("warns about an unknown key, which xl prints and skips", () => {
    expect(summary(findings(`${HEAD.pv}channel = [ "name=a,connection=pty,foo=bar" ]\n`, "channel-invalid"))).toEqual(["channel-invalid:warning"]);
  });
});

describe("the small device lists", () => {
  it("vtpm, pvcalls, vkb, vdispl, usbctrl and usbdev refusals are errors at the offending token", () => {
    const text = `${HEAD.pvh}vtpm = [ "backend=0,model=x" ]\npvcalls = [ "backend=0,foo=1" ]\nvkb = [ "backend-type=bogus" ]\nvdispl = [ "connectors=id0:800x600,bealloc=1" ]\nusbctrl = [ "type=bogus" ]\nusbdev = [ "hostbus=1,hostaddr=2,speed=1" ]\n`;
    const found = deviceFindings(text);
    expect(found.map((d) => `${d.rule}:${covered(text, d)}`)).toEqual([
      "vtpm-invalid:model=x",
      "pvcalls-invalid:foo=1",
      "vkb-invalid:bogus",
      "vdispl-invalid:bealloc=1",
      "usb-invalid:bogus",
      "usb-invalid:speed=1",
    ]);
    expect(found.every((d) => d.severity === "error")).toBe(true);
  });

  it("vkb is refused whatever the guest type, since xl parses it for HVM too", () => {
    expect(summary(findings(`${HEAD.hvm}vkb = [ "backend=0" ]\n`, "vkb-invalid"))).toEqual(["vkb-invalid:error"]);
  });

  it("p9: the 4.17 inheritance is a warning on the later share, a missing field an error", () => {
    const text = `${HEAD.pv}p9 = [ "tag=a,security_model=none,path=/a", "tag=b,path=/b", "tag=c" ]\n`;
    expect(summary(findings(text, "p9-invalid"))).toEqual(["p9-invalid:warning", "p9-invalid:warning", "p9-invalid:warning"]);
    expect(summary(findings(`${HEAD.pv}p9 = [ "tag=a,path=/a" ]\n`, "p9-invalid"))).toEqual(["p9-invalid:error"]);
  });

  it("vfb: ignored keys are warnings for PV and PVH, and nothing for HVM (which ignores vfb)", () => {
    const line = 'vfb = [ "type=sdl,vnc=yes" ]\n';
    expect(summary(findings(`${HEAD.pv}${line}`, "vfb-ignored-setting"))).toEqual(["vfb-ignored-setting:warning", "vfb-ignored-setting:warning"]);
    expect(summary(findings(`${HEAD.pvh}${line}`, "vfb-ignored-setting"))).toHaveLength(2);
    expect(findings(`${HEAD.hvm}${line}`, "vfb-ignored-setting")).toEqual([]);
  });

  it("vsnd: fixes the manual's `id=` and float format names, after which xl's wording is clean", () => {
    const text = `${HEAD.pv}vsnd = [ [ "CARD, short-name=Main, sample-formats=s16_le;float_le", "PCM, name=Main", "STREAM, id=0, type=p" ] ]\n`;
    // xl stops at the first refusal in a card, so the second mistake shows once the first is fixed.
    const [format, ...others] = findings(text, "vsnd-invalid");
    expect(others).toEqual([]);
    expect(covered(text, format!)).toBe("float_le");
    const once = applyFix(text, format?.fix);
    expect(once).toContain("sample-formats=s16_le;f32_le");
    const [id] = findings(once, "vsnd-invalid");
    expect(covered(once, id!)).toBe("id=0");
    const fixed = applyFix(once, id?.fix);
    expect(fixed).toContain("STREAM, unique-id=0, type=p");
    expect(deviceFindings(fixed)).toEqual([]);
  });

  it("vsnd: `id=` on a CARD gets no fix", () => {
    const [finding] = findings(`${HEAD.pv}vsnd = [ [ "CARD, id=0" ] ]\n`, "vsnd-invalid");
    expect(finding?.fix).toBeUndefined();
  });
});

describe("virtio-invalid", () => {
  const text = `${HEAD.pvh}virtio = [ "backend=0,type=virtio,device22,transport=pci,grant_usage=1x" ]\n`;

  it("stays silent before Xen 4.18, where the key is unknown-key's", () => {
    expect(findings(text, "virtio-invalid")).toEqual([]);
    expect(findings(text, "unknown-key")).toHaveLength(1);
  });

  it("from 4.18 reports what 4.18 refuses as an error and what it misreads as a warning, on any architecture", () => {
    for (const arch of ["arm", "x86"] as const) {
      const found = findings(text, "virtio-invalid", { xenVersion: "4.18", arch });
      expect(found.map((d) => `${d.severity}:${covered(text, d)}`)).toEqual(["error:pci", "warning:x"]);
    }
  });
});

describe("device-spec-crash", () => {
  it("reports each crash once, and the per-device rules leave it alone", () => {
    const text = `${HEAD.pv}channel = [ ",," ]\nvdispl = [ "connectors=" ]\nvsnd = [ [ "CARD, sample-rates=" ] ]\n`;
    const found = deviceFindings(text);
    expect(summary(found)).toEqual(["device-spec-crash:error", "device-spec-crash:error", "device-spec-crash:error"]);
  });
});

describe("cpuid-invalid", () => {
  it("fixes a flag written with `_` or in upper case, and the fixed flag is known", () => {
    const text = `${HEAD.pv}cpuid = "host,AVX512_VNNI=0,aes=0"\n`;
    const [finding] = findings(text, "cpuid-invalid");
    expect(covered(text, finding!)).toBe("AVX512_VNNI");
    const fixed = applyFix(text, finding?.fix);
    expect(fixed).toContain('cpuid = "host,avx512-vnni=0,aes=0"');
    expect(findings(fixed, "cpuid-invalid")).toEqual([]);
  });

  it("points into the right item of the xend list, and makes a bad bit character an error", () => {
    const bits = "x".repeat(31);
    const text = `${HEAD.pv}cpuid = [ "1:ecx=${bits}1", "0x80000001:edx=${bits}z" ]\n`;
    const [finding, ...rest] = findings(text, "cpuid-invalid");
    expect(rest).toEqual([]);
    expect(finding?.severity).toBe("error");
    expect(covered(text, finding!)).toBe("z");
  });

  it("on Arm keeps only xl's own first-word check", () => {
    expect(findings(`${HEAD.pvh}cpuid = "host,bogus=1"\n`, "cpuid-invalid", { arch: "arm" })).toEqual([]);
    expect(findings(`${HEAD.pvh}cpuid = "bogus=1"\n`, "cpuid-invalid", { arch: "arm" })).toHaveLength(1);
  });

  it("reads a string joined with `+=` as one value", () => {
    const text = `${HEAD.pv}cpuid = "host,aes=0"\ncpuid += ",nosuchflag=1"\n`;
    const found = findings(text, "cpuid-invalid");
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toMatch(/nosuchflag/);
  });
});
