/**
 * Edge cases of the guest rules that their doc examples do not cover:
 * ranges, fixes (applied, the finding goes away and the guest stays the
 * same), guest types and their origin, the Arm host, and what must not be
 * reported (twice, or at all).
 */
import { describe, expect, it } from "vitest";
import { ARM, applyFix, covered, findings, lint } from "./helpers";
import { lintText } from "../../../src/index";

const PVH = 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 1024\n';
const HVM = 'name = "win01"\ntype = "hvm"\nmemory = 4096\n';

/** Applies the only finding's fix of `rule` and returns the new text. */
function fixed(text: string, rule: string, host = {}): string {
  const [finding, ...rest] = findings(text, rule, host);
  expect(rest).toEqual([]);
  return applyFix(text, finding?.fix);
}

describe("identity", () => {
  it("missing-name: reported once, not when the name is a list or the file does not parse", () => {
    expect(findings('type = "pvh"\nkernel = "/k"\n', "missing-name")).toHaveLength(1);
    expect(findings('name = [ "web01" ]\ntype = "pvh"\nkernel = "/k"\n', "missing-name")).toEqual([]);
    expect(findings('name = "web01\ntype = "pvh"\n', "missing-name")).toEqual([]);
  });

  it("name-format: digits, empty, slash, blank; ordinary names pass", () => {
    for (const bad of ["42", "", "a/b", "web 01"]) expect(findings(`name = "${bad}"\n`, "name-format"), bad).toHaveLength(1);
    for (const good of ["web01", "db-2.example", "x_1"]) expect(findings(`name = "${good}"\n`, "name-format"), good).toEqual([]);
  });

  it("invalid-uuid points at the first character that breaks the form", () => {
    const text = `${PVH}uuid = "3c9e1a52-6f0b-4d8e-9a47_0d2b5c71e8f4"\n`;
    const [finding] = findings(text, "invalid-uuid");
    expect(finding && covered(text, finding)).toBe("_");
    const long = `${PVH}uuid = "3c9e1a52-6f0b-4d8e-9a47-0d2b5c71e8f4xy"\n`;
    const [tail] = findings(long, "invalid-uuid");
    expect(tail && covered(long, tail)).toBe("xy");
  });

  it("the nil UUID is a warning of nil-uuid only, not an error", () => {
    const text = `${PVH}uuid = "00000000-0000-0000-0000-000000000000"\n`;
    expect(findings(text, "invalid-uuid")).toEqual([]);
    expect(findings(text, "nil-uuid").map((d) => d.severity)).toEqual(["warning"]);
  });
});

describe("guest type", () => {
  it("type-prefix: says what xl builds and the fix writes it in full", () => {
    for (const [written, full] of [["h", "hvm"], ["", "hvm"], ["p", "pv"], ["hv", "hvm"]] as const) {
      const text = `name = "g"\ntype = "${written}"\nkernel = "/k"\n`;
      const [finding] = findings(text, "type-prefix");
      expect(finding?.message, written).toContain(full === "hvm" ? "an HVM guest" : "a PV guest");
      const after = fixed(text, "type-prefix");
      expect(after).toBe(`name = "g"\ntype = "${full}"\nkernel = "/k"\n`);
      expect(findings(after, "type-prefix")).toEqual([]);
    }
    expect(findings(PVH, "type-prefix")).toEqual([]);
  });

  it("invalid-type: an upper-case name is fixed, other words are not", () => {
    const text = `name = "g"\ntype = 'HVM'\n`;
    expect(fixed(text, "invalid-type")).toBe(`name = "g"\ntype = 'hvm'\n`);
    expect(findings('name = "g"\ntype = "paravirt"\n', "invalid-type")[0]?.fix).toBeUndefined();
  });

  it("builder: linux is fixed to type, a contradiction is one error, a valid builder an info", () => {
    const linux = 'name = "g"\nbuilder = "linux"\nkernel = "/k"\n';
    const after = fixed(linux, "invalid-builder");
    expect(after).toBe('name = "g"\ntype = "pv"\nkernel = "/k"\n');
    expect(lint(after).filter((d) => d.severity === "error")).toEqual([]);

    const contradiction = 'name = "g"\ntype = "pvh"\nbuilder = "generic"\nkernel = "/k"\n';
    expect(findings(contradiction, "builder-contradicts-type")).toHaveLength(1);
    expect(findings(contradiction, "deprecated-builder")).toEqual([]);

    const empty = 'name = "g"\nbuilder = ""\n';
    const [info] = findings(empty, "deprecated-builder");
    expect(info?.message).toContain("as HVM");
    expect(applyFix(empty, info?.fix)).toBe('name = "g"\ntype = "hvm"\n');
    const both = 'name = "g"\ntype = "hvm"\nbuilder = "hvm"\n';
    expect(fixed(both, "deprecated-builder")).toBe('name = "g"\ntype = "hvm"\n');
  });

  it("implicit-type: the fix adds the architecture's default after the name", () => {
    const text = 'name = "g"\nkernel = "/k"\n';
    expect(fixed(text, "implicit-type")).toBe('name = "g"\ntype = "pv"\nkernel = "/k"\n');
    expect(fixed(text, "implicit-type", ARM)).toBe('name = "g"\ntype = "pvh"\nkernel = "/k"\n');
    expect(findings('name = "g"\nbuilder = "hvm"\n', "implicit-type")).toEqual([]);
  });

  it("Arm: PV is converted (warning, unsafe fix), HVM refused; neither on x86", () => {
    const pv = 'name = "a"\ntype = "pv"\nkernel = "/k"\n';
    const [converted] = findings(pv, "arm-pv-converted", ARM);
    expect(converted?.fix?.safety).toBe("unsafe");
    expect(findings(applyFix(pv, converted?.fix), "arm-pv-converted", ARM)).toEqual([]);
    expect(findings('name = "a"\nkernel = "/k"\n', "arm-pv-converted", ARM)).toEqual([]);
    expect(findings('name = "a"\ntype = "hvm"\n', "arm-hvm", ARM)).toHaveLength(1);
    expect(findings(pv, "arm-pv-converted")).toEqual([]);
    expect(findings('name = "a"\ntype = "hvm"\n', "arm-hvm")).toEqual([]);
  });

  it("arch-specific-key: Arm keys on a stated x86 host, x86 keys on a stated Arm host, each once", () => {
    expect(findings(`${PVH}gic_version = "v3"\nvuart = "sbsa_uart"\n`, "arch-specific-key", { arch: "x86" }).map((d) => d.message.split("`")[1])).toEqual(["gic_version", "vuart"]);
    // Nothing states the host's arch: the Arm keys say the file is for Arm.
    expect(findings(`${PVH}gic_version = "v3"\nvuart = "sbsa_uart"\n`, "arch-specific-key")).toEqual([]);
    expect(findings(`${PVH}gic_version = "v3"\n`, "arch-specific-key", ARM)).toEqual([]);
    const viridian = 'name = "a"\nkernel = "/k"\nviridian = 1\n';
    expect(findings(viridian, "arch-specific-key", ARM)).toHaveLength(1);
    // The key is reported for its architecture, not again for the guest type.
    expect(findings(viridian, "guest-type-mismatch", ARM)).toEqual([]);
  });
});

describe("guest-type-mismatch", () => {
  it("names the type and where it came from", () => {
    const byDefault = findings('name = "g"\nkernel = "/k"\nacpi_s3 = 1\n', "guest-type-mismatch");
    expect(byDefault[0]?.help).toContain("xl's default on x86");
    const byBuilder = findings('name = "g"\nbuilder = "hvm"\ne820_host = 1\n', "guest-type-mismatch");
    expect(byBuilder[0]?.help).toContain("deprecated `builder` on line 2");
    const byType = findings(`${HVM}bootloader = "pygrub"\n`, "guest-type-mismatch");
    expect(byType[0]?.help).toContain("`type` on line 2");
    expect(byType[0] && covered(`${HVM}bootloader = "pygrub"\n`, byType[0])).toBe("bootloader");
  });

  it("pvshim keys only for PVH; nothing when the type is invalid", () => {
    expect(findings(`${PVH}pvshim = 1\n`, "guest-type-mismatch")).toEqual([]);
    expect(findings(`${HVM}pvshim = 1\n`, "guest-type-mismatch")).toHaveLength(1);
    expect(findings('name = "g"\ntype = "HVM"\nacpi_s3 = 1\n', "guest-type-mismatch")).toEqual([]);
  });

  it("PV display keys: ignored with a vfb list or without vnc", () => {
    const base = 'name = "g"\ntype = "pv"\nkernel = "/k"\n';
    expect(findings(`${base}vnc = 1\nvnclisten = "0.0.0.0"\n`, "guest-type-mismatch")).toEqual([]);
    expect(findings(`${base}vnclisten = "0.0.0.0"\n`, "guest-type-mismatch")).toHaveLength(1);
    const withVfb = findings(`${base}vfb = [ "vnc=1" ]\nvnc = 1\nvnclisten = "0.0.0.0"\n`, "guest-type-mismatch");
    expect(withVfb.map((d) => d.message.split("`")[1])).toEqual(["vnc", "vnclisten"]);
  });

  it("leaves refusals to the specific rules", () => {
    const pv = 'name = "g"\ntype = "pv"\nkernel = "/k"\nmemory = 1024\n';
    const timer = lint(`${pv}timer_mode = "delay_for_missed_ticks"\n`);
    expect(timer.filter((d) => d.rule === "timer-mode-on-pv")).toHaveLength(1);
    expect(timer.filter((d) => d.rule === "guest-type-mismatch")).toEqual([]);
    const vnuma = lint(`${pv}vnuma = [ [ "pnode=0", "size=1024", "vcpus=0", "vdistances=10" ] ]\n`);
    expect(vnuma.filter((d) => d.rule === "invalid-vnuma").map((d) => d.severity)).toEqual(["error"]);
    expect(vnuma.filter((d) => d.rule === "guest-type-mismatch")).toEqual([]);
    const pci = lint(`${PVH}pci = [ "0000:03:00.0" ]\nmaxmem = 2048\n`);
    expect(pci.filter((d) => d.severity === "error").map((d) => d.rule)).toEqual(["passthrough-on-pvh"]);
  });
});

describe("boot", () => {
  it("timer-mode-on-pv: any string value, not a list", () => {
    const pv = 'name = "g"\nkernel = "/k"\n';
    expect(findings(`${pv}timer_mode = 1\n`, "timer-mode-on-pv")).toHaveLength(1);
    expect(findings(`${pv}timer_mode = [ "1" ]\n`, "timer-mode-on-pv")).toEqual([]);
    expect(findings(`${HVM}timer_mode = 1\n`, "timer-mode-on-pv")).toEqual([]);
  });

  it("missing-kernel: hints at HVM for a defaulted type; a listed kernel counts as none", () => {
    const [defaulted] = findings('name = "g"\nmemory = 512\n', "missing-kernel");
    expect(defaulted?.help).toContain('add `type = "hvm"`');
    const [listed] = findings('name = "g"\ntype = "pvh"\nkernel = [ "/k" ]\n', "missing-kernel");
    expect(listed?.help).toContain("written as a list");
    expect(findings('name = "g"\ntype = "pvh"\nfirmware = "pvgrub64"\n', "missing-kernel")).toEqual([]);
    expect(findings(HVM, "missing-kernel")).toEqual([]);
  });

  it("invalid-firmware: refused, completed, or a relative path, by type", () => {
    const pv = (fw: string): string => `name = "g"\ntype = "pv"\nfirmware = "${fw}"\n`;
    expect(findings(pv("grub"), "invalid-firmware").map((d) => d.severity)).toEqual(["error"]);
    expect(findings(pv("pvgrub"), "invalid-firmware").map((d) => [d.severity, d.fix])).toEqual([["warning", undefined]]);
    expect(fixed(pv("pvgrub6"), "invalid-firmware")).toBe(pv("pvgrub64"));
    expect(findings(pv("pvgrub32"), "invalid-firmware")).toEqual([]);
    const hvm = (fw: string): string => `${HVM}firmware = "${fw}"\n`;
    expect(fixed(hvm(""), "invalid-firmware")).toBe(hvm("uefi"));
    expect(fixed(hvm("bi"), "invalid-firmware")).toBe(hvm("bios"));
    for (const ok of ["OVMF", "seabios", "uefi", "/usr/share/ovmf/OVMF.fd"]) expect(findings(hvm(ok), "invalid-firmware"), ok).toEqual([]);
    const [path] = findings(hvm("pvgrub64"), "invalid-firmware");
    expect([path?.severity, path?.message.includes("PV and PVH guests")]).toEqual(["warning", true]);
    expect(fixed(hvm("UEFI"), "invalid-firmware")).toBe(hvm("uefi"));
    const [typo] = findings(hvm("seabio"), "invalid-firmware");
    expect([typo?.severity, typo?.fix?.safety, applyFix(hvm("seabio"), typo?.fix)]).toEqual(["warning", "unsafe", hvm("seabios")]);
    // A relative name is a loader in Xen's firmware directory, which may well exist.
    expect(findings(hvm("hvmloader-debug"), "invalid-firmware")).toEqual([]);
  });

  it("pvgrub-on-pvh only for a complete pvgrub name without kernel", () => {
    expect(findings('name = "g"\ntype = "pvh"\nfirmware = "pvgrub64"\n', "pvgrub-on-pvh")).toHaveLength(1);
    expect(findings('name = "g"\ntype = "pvh"\nfirmware = "pvgrub"\n', "pvgrub-on-pvh")).toEqual([]);
    expect(findings('name = "g"\ntype = "pv"\nfirmware = "pvgrub64"\n', "pvgrub-on-pvh")).toEqual([]);
  });

  it("direct-boot-without-kernel: an hvmloader kernel does not count; points at the first key", () => {
    const text = `${HVM}kernel = "/usr/lib/xen/boot/hvmloader"\ncmdline = "quiet"\nramdisk = "/r"\n`;
    const [finding] = findings(text, "direct-boot-without-kernel");
    expect(finding?.message).toContain("hvmloader");
    expect(finding && covered(text, finding)).toBe('"quiet"');
    expect(findings(`${HVM}kernel = "/boot/vmlinuz"\nramdisk = "/r"\n`, "direct-boot-without-kernel")).toEqual([]);
  });

  it("cmdline-overrides-root-extra: the fix removes both and xl's result is unchanged", () => {
    const text = `${PVH}root = "/dev/xvda1"\ncmdline = "ro"\nextra = "quiet"\n`;
    const after = fixed(text, "cmdline-overrides-root-extra");
    expect(after).toBe(`${PVH}cmdline = "ro"\n`);
    expect(lint(after).filter((d) => d.rule === "cmdline-overrides-root-extra")).toEqual([]);
  });

  it("hvm-kernel-hvmloader: the fix removes the line", () => {
    const text = `${HVM}kernel = "/usr/lib/xen/boot/hvmloader"\n`;
    expect(fixed(text, "hvm-kernel-hvmloader")).toBe(HVM);
  });

  it("device-model-conflict: firmware beats bios; a kernel with traditional is a warning", () => {
    expect(findings(`${HVM}bios = "rombios"\nfirmware = "seabios"\n`, "device-model-conflict")).toEqual([]);
    expect(findings(`${HVM}bios = "seabios"\nfirmware = "rombios"\n`, "device-model-conflict")).toHaveLength(1);
    const stub = findings(`${HVM}device_model_stubdomain_override = 1\nbios = "ovmf"\n`, "device-model-conflict");
    expect(stub[0]?.message).toContain("stub domain");
    const kernel = findings(`${HVM}device_model_version = "qemu-xen-traditional"\nkernel = "/boot/vmlinuz"\n`, "device-model-conflict");
    expect(kernel.map((d) => d.severity)).toEqual(["warning"]);
  });
});

describe("passthrough and memory modes", () => {
  it("passthrough-conflicts on Arm: sync_pt only", () => {
    const arm = 'name = "a"\nkernel = "/k"\ndtdev = [ "/soc/dma" ]\npassthrough = "sync_pt"\n';
    expect(findings(arm, "passthrough-conflicts", ARM)).toHaveLength(1);
    expect(findings(arm.replace("sync_pt", "share_pt"), "passthrough-conflicts", ARM)).toEqual([]);
    expect(findings(`${HVM}hap = 0\npassthrough = "share_pt"\n`, "passthrough-conflicts")).toHaveLength(1);
  });

  it("pod-conflict: needs both sizes and a non-PV guest; names every reason once", () => {
    const text = `${HVM}maxmem = 8192\npci = [ "0000:03:00.0" ]\naltp2m = "mixed"\n`;
    const [finding, ...more] = findings(text, "pod-conflict");
    expect(more).toEqual([]);
    expect(finding?.help).toMatch(/device passthrough .* and `altp2m`/);
    expect(findings(`${HVM}pci = [ "0000:03:00.0" ]\naltp2m = "mixed"\n`, "pod-conflict")).toEqual([]);
    expect(findings('name = "g"\ntype = "hvm"\nmaxmem = 8192\npci = [ "0000:03:00.0" ]\n', "pod-conflict")).toEqual([]);
  });

  it("nestedhvm-with-altp2m: not on PV, altp2mhvm only on HVM", () => {
    expect(findings(`${HVM}nestedhvm = 1\naltp2mhvm = 1\n`, "nestedhvm-with-altp2m")).toHaveLength(1);
    expect(findings(`${PVH}nestedhvm = 1\naltp2m = 2\n`, "nestedhvm-with-altp2m")).toHaveLength(1);
    expect(findings(`${PVH}nestedhvm = 1\naltp2mhvm = 1\n`, "nestedhvm-with-altp2m")).toEqual([]);
    expect(findings('name = "g"\ntype = "pv"\nkernel = "/k"\nnestedhvm = 1\naltp2m = 2\n', "nestedhvm-with-altp2m")).toEqual([]);
  });

  it("seclabel-needs-xsm: one finding for both labels", () => {
    expect(findings(`${PVH}seclabel = "a"\ninit_seclabel = "b"\n`, "seclabel-needs-xsm")).toHaveLength(1);
  });
});

describe("vCPUs, memory and CPU lists", () => {
  it("maxvcpus-below-vcpus: 0 is unset, and xl keeps only an int", () => {
    expect(findings(`${PVH}vcpus = 4\nmaxvcpus = 0\n`, "maxvcpus-below-vcpus")).toEqual([]);
    expect(findings(`${PVH}vcpus = 2\nmaxvcpus = 4294967297\n`, "maxvcpus-below-vcpus")).toHaveLength(1);
    const vnuma = `${PVH.replace("pvh", "hvm")}vcpus = 4\nvnuma = [ [ "pnode=0", "size=1024", "vcpus=0-1", "vdistances=10" ] ]\n`;
    expect(findings(vnuma, "maxvcpus-below-vcpus")[0]?.message).toContain("vNUMA");
  });

  it("vcpus-below-one: 0 a warning, negative an error", () => {
    expect(findings(`${PVH}vcpus = 0\n`, "vcpus-below-one").map((d) => d.severity)).toEqual(["warning"]);
    expect(findings(`${PVH}vcpus = "-1"\n`, "vcpus-below-one").map((d) => d.severity)).toEqual(["error"]);
  });

  it("no-memory: vnuma counts as a size", () => {
    expect(findings('name = "g"\ntype = "hvm"\n', "no-memory")).toHaveLength(1);
    expect(findings('name = "g"\ntype = "hvm"\nmaxmem = 512\n', "no-memory")).toEqual([]);
  });

  it("invalid-cpulist reads what xl reads: strings always, list items below the vCPU count", () => {
    const noVcpus = `${PVH}cpus = [ "x" ]\n`;
    expect(findings(noVcpus, "invalid-cpulist")).toEqual([]);
    expect(findings(noVcpus, "cpus-without-vcpus")).toHaveLength(1);
    expect(findings(`${PVH}cpus = "x"\n`, "invalid-cpulist")).toHaveLength(1);
    const listed = `${PVH}vcpus = 1\ncpus = [ "0", "3-1" ]\n`;
    expect(findings(listed, "invalid-cpulist")).toEqual([]);
    const [longer] = findings(listed, "cpus-list-longer-than-vcpus");
    expect(longer && covered(listed, longer)).toBe('"3-1"');
    const bad = `${PVH}vcpus = 2\ncpus = [ "0", "3-1" ]\n`;
    const [finding] = findings(bad, "invalid-cpulist");
    expect(finding && covered(bad, finding)).toBe("3-1");
    expect(finding?.message).toContain("item 2 of `cpus`");
  });

  it("a CPU list joined with += is pointed at as a whole", () => {
    const text = `${PVH}vcpus = 1\ncpus = "0,"\ncpus += "3-1"\n`;
    const [finding] = findings(text, "invalid-cpulist");
    expect(finding && covered(text, finding)).toBe('"0,"\ncpus += "3-1"');
  });

  it("an empty hard affinity is an error only once there are vCPUs; an empty soft one is a warning", () => {
    expect(findings(`${PVH}cpus = "^1"\n`, "invalid-cpulist")).toEqual([]);
    expect(findings(`${PVH}vcpus = 1\ncpus = "^1"\n`, "invalid-cpulist").map((d) => d.severity)).toEqual(["error"]);
    expect(findings(`${PVH}vcpus = 1\ncpus_soft = "^1"\n`, "invalid-cpulist").map((d) => d.severity)).toEqual(["warning"]);
  });

  it("invalid-vnuma: a problem inside a node points into the item; placement problems are warnings", () => {
    const text = `${HVM}vnuma = [ [ "pnode=0", "size=4096", "vcpus=0", "vdistances=10", "colour=red" ] ]\n`;
    const [unknown] = findings(text, "invalid-vnuma");
    expect([unknown?.severity, unknown && covered(text, unknown)]).toEqual(["warning", "colour"]);
    const twice = `${HVM.replace("4096", "1024")}vnuma = [ [ "pnode=0", "size=512", "vcpus=0-1", "vdistances=10,20" ], [ "pnode=0", "size=512", "vcpus=1", "vdistances=20,10" ] ]\n`;
    expect(findings(twice, "invalid-vnuma").map((d) => d.severity)).toEqual(["warning"]);
  });
});

describe("a clean modern config", () => {
  it("gets no finding from the guest rules", () => {
    const text = [
      'name = "web01"',
      'type = "pvh"',
      'uuid = "3c9e1a52-6f0b-4d8e-9a47-0d2b5c71e8f4"',
      'kernel = "/boot/vmlinuz"',
      'cmdline = "root=/dev/xvda1 ro console=hvc0"',
      "memory = 2048",
      "maxmem = 2048",
      "vcpus = 2",
      'cpus = "2-3"',
      "",
    ].join("\n");
    const guest = lintText(text).diagnostics.filter((d) => !["unknown-key"].includes(d.rule));
    expect(guest.map((d) => `${d.rule}: ${d.message}`)).toEqual([]);
  });
});
