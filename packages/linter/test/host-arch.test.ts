/**
 * The arch a config is judged for (engine/host-arch.ts): the stated host arch
 * wins; otherwise Arm-only or x86-only keys decide, then the kernel's file
 * name, else x86 by default. Only a file that mixes both kinds of key, or
 * contradicts a stated `host.arch`, is warned about, and no message claims a
 * host arch nobody stated.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { evaluate, parse } from "@xlint/parser";
import { describe, expect, it } from "vitest";
import { DEFAULT_HOST, resolveArch, type HostProfile } from "../src/index";
import { sharedCorpus } from "../../parser/test/helpers";
import { applyFix, findings, lint } from "./rules/lint-helpers";

const X86: Partial<HostProfile> = { arch: "x86" };
const ARM: Partial<HostProfile> = { arch: "arm" };

function archOf(text: string, host: Partial<HostProfile> = {}) {
  const settings = evaluate(parse(text).file).settings;
  return resolveArch((key) => settings.get(key), { ...DEFAULT_HOST, ...host });
}

/** The Arm configs of the shared corpus, as PROVENANCE.tsv describes them. */
function armCorpusConfigs(): string[] {
  const provenance = path.join(sharedCorpus, "PROVENANCE.tsv");
  if (!existsSync(provenance)) return [];
  return readFileSync(provenance, "utf8")
    .split("\n")
    .slice(1)
    .map((line) => line.split("\t"))
    .filter((fields) => /\bARM/.test(fields[6] ?? ""))
    .map((fields) => path.join(sharedCorpus, fields[0] ?? ""))
    .filter((file) => existsSync(file));
}

const ARCH_RULES = new Set(["arch-specific-key", "arm-pv-converted", "arm-hvm"]);

describe("resolveArch", () => {
  it("takes the stated host arch, whatever the keys say", () => {
    const info = archOf('dtdev = [ "/soc/gpu" ]\n', X86);
    expect(info).toMatchObject({ arch: "x86", source: "host", armKeys: ["dtdev"], x86Keys: [] });
  });

  it("takes Arm-only keys as meant for Arm, x86-only keys as meant for x86, with the keys as evidence", () => {
    const arm = archOf('name = "a"\ndevice_tree = "/a.dtb"\ngic_version = "v3"\n');
    expect(arm).toMatchObject({ arch: "arm", source: "config", armKeys: ["device_tree", "gic_version"] });
    expect(arm.evidence.map((e) => e.text)).toEqual(["`device_tree` is an Arm-only key", "`gic_version` is an Arm-only key"]);
    expect(arm.evidence[0]?.range?.start.line).toBe(1);
    expect(archOf('name = "w"\nviridian = 1\n')).toMatchObject({ arch: "x86", source: "config", x86Keys: ["viridian"] });
  });

  it("reads the kernel's name when no key tells: Image and zImage for Arm, bzImage and -amd64 for x86", () => {
    expect(archOf('kernel = "/boot/Image"\n')).toMatchObject({ arch: "arm", source: "config" });
    expect(archOf('kernel = "/xen/zImage"\n').arch).toBe("arm");
    expect(archOf('kernel = "/boot/vmlinuz-6.1.0-18-arm64"\n').arch).toBe("arm");
    expect(archOf('kernel = "/boot/bzImage"\n')).toMatchObject({ arch: "x86", source: "config" });
    expect(archOf('kernel = "/boot/vmlinuz-6.1.0-18-amd64"\n').arch).toBe("x86");
    expect(archOf('kernel = "/netbsd-XEN3PAE_DOMU-i386-foo.gz"\n').arch).toBe("x86");
    expect(archOf('kernel = "/netbsd-XEN3_DOMU.gz"\n').evidence[0]?.text).toContain("NetBSD's Xen kernel `XEN3_DOMU`, built for x86 only");
    // Names that say nothing, or a kernel and ramdisk that disagree: the default.
    expect(archOf('kernel = "/boot/vmlinuz"\n').source).toBe("default");
    expect(archOf('kernel = "/boot/image"\n').source).toBe("default");
    expect(archOf('kernel = "/boot/vmlinuz-arm64"\nramdisk = "/boot/initrd-amd64"\n').source).toBe("default");
  });

  it("assumes x86 with nothing to go on, and says so", () => {
    const info = archOf('name = "g"\nmemory = 512\n');
    expect(info).toMatchObject({ arch: "x86", source: "default", armKeys: [], x86Keys: [] });
    expect(info.evidence[0]?.text).toContain("x86 assumed");
  });

  it("judges a mixed file by its majority of keys, a tie by the kernel's name, else x86", () => {
    expect(archOf('dtdev = []\ndevice_tree = "/a.dtb"\nviridian = 1\n').arch).toBe("arm");
    expect(archOf('dtdev = []\nviridian = 1\ntsc_mode = "native"\n').arch).toBe("x86");
    const tie = archOf('kernel = "/boot/Image"\ndtdev = []\nviridian = 1\n');
    expect(tie.arch).toBe("arm");
    expect(tie.evidence.at(-1)?.text).toContain("Arm Linux boot image");
    expect(archOf('kernel = "/boot/vmlinuz"\ndtdev = []\nviridian = 1\n').arch).toBe("x86");
  });
});

describe("Arm configs linted without a host arch", () => {
  const files = armCorpusConfigs();

  it.skipIf(files.length === 0)("the corpus's Arm configs get no arch warning and no PV fix; implicit-type writes PVH", () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      const name = path.relative(sharedCorpus, file);
      expect(archOf(text), name).toMatchObject({ arch: "arm", source: "config" });
      const diagnostics = lint(text);
      expect(diagnostics.filter((d) => ARCH_RULES.has(d.rule)).map((d) => d.message), name).toEqual([]);
      for (const d of diagnostics) {
        for (const edit of d.fix?.edits ?? []) expect(edit.newText, `${name}: ${d.rule}`).not.toMatch(/type\s*=\s*"pv"/);
      }
      const implicit = diagnostics.find((d) => d.rule === "implicit-type");
      if (implicit) {
        expect(implicit.help, name).toContain("xl's default on Arm, which this file is for, judging by its Arm-only key");
        expect(implicit.fix?.title).toBe('Add `type = "pvh"`');
        expect(implicit.fix?.safety).toBe("safe");
      }
    }
  });

  it("an Arm config in our own words: PVH by default, no warning, Arm keys not reported", () => {
    const text = 'name = "doma"\nkernel = "/xt/doma/Image"\ndevice_tree = "/xt/doma.dtb"\ndtdev = [ "/soc/gsx@fd000000" ]\niomem = [ "0xfd010,1@0xfd000" ]\n';
    expect(lint(text).filter((d) => ARCH_RULES.has(d.rule))).toEqual([]);
    const [implicit] = findings(text, "implicit-type");
    expect(implicit?.help).toContain("its Arm-only keys `device_tree` and `dtdev`");
    expect(applyFix(text, implicit?.fix)).toContain('type = "pvh"');
    // type = "pv" on an Arm config: libxl converts it, and the message says why xlint took the file as Arm.
    const pv = `${text}type = "pv"\n`;
    const [converted] = findings(pv, "arm-pv-converted");
    expect(converted?.help).toContain("xlint takes this file as meant for Arm from its Arm-only keys");
    // Only the kernel's name says Arm: HVM is refused, and the message says what made xlint think so.
    const [hvm] = findings('name = "a"\nkernel = "/boot/Image"\ntype = "hvm"\n', "arm-hvm");
    expect(hvm?.help).toContain('xlint takes this file as meant for Arm from the file name of its kernel, `/boot/Image`;');
  });
});

describe("arch-specific-key", () => {
  it("warns about a file that mixes Arm-only and x86-only keys, naming both sides and why", () => {
    const text = 'name = "m"\nkernel = "/boot/vmlinuz"\ndevice_tree = "/m.dtb"\nviridian = 1\ntsc_mode = "native"\n';
    const found = findings(text, "arch-specific-key");
    expect(found).toHaveLength(1);
    expect(found[0]?.range.start.line).toBe(2);
    expect(found[0]?.message).toContain("`device_tree` is for Arm only, but this file also sets x86-only keys `viridian` and `tsc_mode`");
    expect(found[0]?.help).toContain("xlint judges it for x86 (more of its arch-specific keys are for it)");
    const tie = findings('name = "m"\nkernel = "/boot/vmlinuz"\ndevice_tree = "/m.dtb"\nviridian = 1\n', "arch-specific-key");
    expect(tie.map((d) => d.help)).toEqual([expect.stringContaining("as many keys point each way, and x86 is the default")]);
  });

  it("warns about keys that contradict a stated host.arch, and says where the arch came from", () => {
    const arm = 'name = "a"\nkernel = "/boot/Image"\ngic_version = "v3"\n';
    const [found] = findings(arm, "arch-specific-key", X86);
    expect(found?.message).toContain('`host.arch` is "x86"');
    expect(found?.help).toContain("The host profile (xlint.json, or `--host-from-system`) says so");
    expect(findings(arm, "arch-specific-key", ARM)).toEqual([]);
    expect(findings('name = "w"\ntype = "hvm"\nviridian = 1\n', "arch-specific-key", ARM)).toHaveLength(1);
  });

  it("leaves x86-only configs x86, without a word", () => {
    const text = 'name = "w"\ntype = "hvm"\nviridian = 1\nboot = "c"\nserial = "pty"\n';
    expect(archOf(text)).toMatchObject({ arch: "x86", source: "config" });
    expect(findings(text, "arch-specific-key")).toEqual([]);
    // No type: a PV guest on x86, which the file's keys point to, so the HVM keys are lost.
    const [mismatch] = findings('name = "w"\nkernel = "/k"\nviridian = 1\n', "guest-type-mismatch");
    expect(mismatch?.help).toContain("xl's default on x86, which this file is for, judging by its x86-only key `viridian`, as neither");
  });
});

describe("messages never claim a host arch nobody stated", () => {
  it("implicit-type: x86 assumed, said so, and the fix is a guess; stated, it is safe", () => {
    const text = 'name = "g"\nkernel = "/k"\n';
    const [assumed] = findings(text, "implicit-type");
    expect(assumed?.help).toContain("xl's default on x86 (assumed: neither `host.arch` nor the file says which architecture); on Arm it would be PVH");
    expect(assumed?.fix?.safety).toBe("unsafe");
    const [stated] = findings(text, "implicit-type", X86);
    expect(stated?.help).toContain("xl's default on this x86 host.");
    expect(stated?.fix?.safety).toBe("safe");
    const [arm] = findings(text, "implicit-type", ARM);
    expect(applyFix(text, arm?.fix)).toBe('name = "g"\ntype = "pvh"\nkernel = "/k"\n');
  });

  it("passthrough-on-pvh and missing-kernel say the arch is assumed", () => {
    const [pt] = findings('name = "p"\ntype = "pvh"\nkernel = "/k"\npassthrough = "enabled"\n', "passthrough-on-pvh");
    expect(pt?.help).toContain("PVH guests cannot have passthrough on x86 (assumed:");
    const [stated] = findings('name = "p"\ntype = "pvh"\nkernel = "/k"\npassthrough = "enabled"\n', "passthrough-on-pvh", X86);
    expect(stated?.help).toContain("PVH guests cannot have passthrough on this x86 host");
    const [kernel] = findings('name = "g"\nmemory = 512\n', "missing-kernel");
    expect(kernel?.help).toContain("xl's default on x86 (assumed:");
  });
});
