/**
 * decodeVdev: the verified values of the reference (§3.7), the C number
 * reading quirks, numbers and their names, HVM emulation; then a generated set
 * of vdev names checked against libxl itself through `xl-oracle check --deep`,
 * which reports the device number libxl computed for every disk.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decodeVdev, describeDeviceNumber, hvmEmulation, isEmulatedAsIde, nameForDeviceNumber } from "../src/specs/vdev";
import { VDEV_NAMES } from "./disk-helpers";
import { oraclePath, oracleUnavailableReason } from "./helpers";
import { seededRandom } from "./random";

const INVALID = -1;

describe("decodeVdev: the verified values of §3.7", () => {
  const table: readonly (readonly [string, number])[] = [
    ["xvda", 51712], ["xvdb", 51728], ["xvda1", 51713], ["xvdp", 51952], ["xvdq", 268439552], ["xvda16", 268435472],
    ["xvdaa", 268442112], ["xvda255", 268435711], ["xvda256", INVALID],
    ["hda", 768], ["hdb", 832], ["hda1", 769], ["hdc", 5632], ["hdd", 5696], ["hde", INVALID], ["hda63", 831], ["hda64", INVALID],
    ["sda", 2048], ["sdb", 2064], ["sda1", 2049], ["sdp", 2288], ["sdq", INVALID], ["sda16", INVALID],
    ["d0p1", 51713], ["d1048575p0", 536870656], ["d1048576p0", INVALID],
  ];
  it.each(table)("%s → %i", (name, number) => {
    const info = decodeVdev(name);
    expect(info.deviceNumber).toBe(number);
    expect(info.valid).toBe(number !== INVALID);
    if (number === INVALID) {
      expect(info.kind).toBe("invalid");
      expect(info.reason).toBeTruthy();
    } else {
      expect(info.reason).toBeUndefined();
    }
  });

  it("names the form libxl used, the disk index and the partition", () => {
    expect(decodeVdev("xvdaa3")).toMatchObject({ kind: "xvd", disk: 26, partition: 3, extended: true });
    expect(decodeVdev("xvdzz")).toMatchObject({ kind: "xvd", disk: 701 });
    expect(decodeVdev("xvdaaa")).toMatchObject({ kind: "xvd", disk: 702 });
    expect(decodeVdev("hdd5")).toMatchObject({ kind: "hd", disk: 3, partition: 5, extended: false });
    expect(decodeVdev("sdp15")).toMatchObject({ kind: "sd", disk: 15, partition: 15 });
    expect(decodeVdev("d2p3")).toMatchObject({ kind: "dNpM", disk: 2, partition: 3, deviceNumber: (202 << 8) | (2 << 4) | 3 });
    expect(decodeVdev("xvdp15")).toMatchObject({ extended: false, deviceNumber: 51967 });
  });
});

describe("decodeVdev: edge cases", () => {
  it("reads dNpM numbers with C's %i: hex, octal, signs, spaces, 32-bit truncation", () => {
    expect(decodeVdev("d0x10p0")).toMatchObject({ kind: "dNpM", disk: 16, deviceNumber: (1 << 28) | (16 << 8) });
    expect(decodeVdev("d010p0")).toMatchObject({ kind: "dNpM", disk: 8, deviceNumber: 51840 });
    expect(decodeVdev("d 1p 2").deviceNumber).toBe(51730);
    expect(decodeVdev("d+1p+2").deviceNumber).toBe(51730);
    expect(decodeVdev("d0xp1").deviceNumber).toBe(51713); // glibc takes "0x" with no digit as 0
    expect(decodeVdev("d4294967297p0").deviceNumber).toBe(51728);
    expect(decodeVdev("d08p0").kind).toBe("invalid"); // octal stops at 8, then `p` is missing
    for (const odd of ["d0x10p0", "d010p0", "d 1p 2", "d4294967297p0"]) expect(decodeVdev(odd).notes.length).toBeGreaterThan(0);
    expect(decodeVdev("d1p1").notes).toEqual([]);
  });

  it("gives negative numbers for negative dNpM parts; -1 is libxl's invalid, the others are unusable too", () => {
    expect(decodeVdev("d-1p0")).toMatchObject({ deviceNumber: -16, valid: false });
    expect(decodeVdev("d-1p-1")).toMatchObject({ deviceNumber: -1, valid: false });
    expect(decodeVdev("d0p-1")).toMatchObject({ deviceNumber: -1, valid: false });
    expect(decodeVdev("d9223372036854775808p0").deviceNumber).toBe(-16); // LONG_MAX cut to int is -1
    expect(decodeVdev("d-1p0").reason).toMatch(/negative/);
  });

  it("reads plain numbers with strtoul base 0, leading whitespace allowed, up to INT_MAX", () => {
    expect(decodeVdev("51712")).toMatchObject({ kind: "numeric", deviceNumber: 51712, canonicalName: "xvda" });
    expect(decodeVdev("0xca00")).toMatchObject({ kind: "numeric", deviceNumber: 51712, canonicalName: "xvda" });
    expect(decodeVdev("0x301")).toMatchObject({ deviceNumber: 769, canonicalName: "hda1" });
    expect(decodeVdev("01400")).toMatchObject({ deviceNumber: 768, canonicalName: "hda" }); // octal
    expect(decodeVdev(" 5")).toMatchObject({ kind: "numeric", deviceNumber: 5, valid: true });
    expect(decodeVdev("\t0x10").deviceNumber).toBe(16);
    expect(decodeVdev("+7").deviceNumber).toBe(7);
    expect(decodeVdev("-0").deviceNumber).toBe(0);
    expect(decodeVdev("2147483647")).toMatchObject({ valid: true, deviceNumber: 2147483647 });
    expect(decodeVdev("2147483648")).toMatchObject({ valid: false, kind: "invalid" });
    expect(decodeVdev("-1")).toMatchObject({ valid: false, kind: "invalid" });
    expect(decodeVdev("99999999999999999999999")).toMatchObject({ valid: false });
    expect(decodeVdev("0x")).toMatchObject({ valid: false });
    expect(decodeVdev("5 ")).toMatchObject({ valid: false });
  });

  it("reads 0, 0x0, 00 and the empty string as device 0, which libxl accepts but Linux refuses", () => {
    for (const zero of ["0", "0x0", "00", ""]) {
      const info = decodeVdev(zero);
      expect(info).toMatchObject({ kind: "numeric", deviceNumber: 0, valid: true, canonicalName: undefined });
      expect(info.number?.linuxAccepts).toBe(false);
      expect(info.number?.meaning).toMatch(/major 0/);
    }
  });

  it("refuses the names of §3.7 with a reason a user can act on", () => {
    expect(decodeVdev("xvd")).toMatchObject({ kind: "xvd", deviceNumber: -16, valid: false });
    expect(decodeVdev("xvd").reason).toMatch(/no drive letter/);
    expect(decodeVdev("xvda0").reason).toMatch(/leading zero|numbered from 1/);
    expect(decodeVdev("xvda01").valid).toBe(false);
    expect(decodeVdev("XVDA").reason).toMatch(/lowercase.*xvda/);
    expect(decodeVdev("xvdA").valid).toBe(false);
    expect(decodeVdev("hda64").reason).toMatch(/63/);
    expect(decodeVdev("sda16").reason).toMatch(/15/);
    expect(decodeVdev("hde").reason).toMatch(/hda to hdd/);
    expect(decodeVdev("sdq").reason).toMatch(/sda to sdp/);
    expect(decodeVdev("d0").reason).toMatch(/d0p0/);
    expect(decodeVdev("d1048576p0").reason).toMatch(/1048575/);
    expect(decodeVdev(" xvda").reason).toMatch(/spaces/);
    expect(decodeVdev("xvda ").valid).toBe(false);
    expect(decodeVdev("floppy").reason).toMatch(/not a virtual disk name/);
  });

  it("follows libxl's partition reading: strtoul with signs and wrap-around, no leading 0", () => {
    expect(decodeVdev("xvda 1").deviceNumber).toBe(51713);
    expect(decodeVdev("xvda+1").deviceNumber).toBe(51713);
    expect(decodeVdev("xvda-1")).toMatchObject({ deviceNumber: -1, valid: false });
    expect(decodeVdev("xvda-2")).toMatchObject({ deviceNumber: -2, valid: false });
    expect(decodeVdev("xvda-18446744073709551615").deviceNumber).toBe(51713);
    expect(decodeVdev("xvda9223372036854775808").deviceNumber).toBe(51712);
    expect(decodeVdev("hd")).toMatchObject({ kind: "hd", deviceNumber: 832, valid: true, canonicalName: "hdb" });
    expect(decodeVdev("hd").notes.join(" ")).toMatch(/hdb/);
    expect(decodeVdev("sd")).toMatchObject({ deviceNumber: -16, valid: false });
  });

  it("ignores what follows a NUL, as C does", () => {
    expect(decodeVdev("xvda\0junk").deviceNumber).toBe(51712);
  });
});

describe("device numbers", () => {
  it("decodes major and minor and says what Linux blkfront does", () => {
    expect(describeDeviceNumber(0x301)).toMatchObject({ major: 3, minor: 1, linuxName: "hda1", linuxAccepts: true });
    expect(describeDeviceNumber(51712)).toMatchObject({ major: 202, minor: 0, linuxName: "xvda" });
    expect(describeDeviceNumber(0x1640)).toMatchObject({ major: 22, linuxName: "hdd" });
    expect(describeDeviceNumber(65 << 8)).toMatchObject({ major: 65, linuxName: "sdq", linuxAccepts: true });
    expect(describeDeviceNumber(135 << 8 | 0xf0)).toMatchObject({ major: 135, linuxName: "sdiv", linuxAccepts: true });
    expect(describeDeviceNumber(0x10000000)).toMatchObject({ extended: true, linuxName: "xvda", linuxAccepts: true });
    expect(describeDeviceNumber(0)).toMatchObject({ major: 0, linuxAccepts: false });
    expect(describeDeviceNumber(0x0400)).toMatchObject({ major: 4, linuxAccepts: false });
    expect(describeDeviceNumber(2 << 28)).toMatchObject({ linuxAccepts: false });
    expect(describeDeviceNumber(0x10000).linuxAccepts).toBe(false); // major 256
  });

  it("offers a name only when libxl maps that name to exactly the same number", () => {
    expect(nameForDeviceNumber(0x10000000)).toBeUndefined(); // libxl writes xvda as 51712, never this
    expect(nameForDeviceNumber(65 << 8)).toBeUndefined(); // sdq exists in Linux, not in libxl
    expect(nameForDeviceNumber(0)).toBeUndefined();
    expect(nameForDeviceNumber(3 << 8 | 128)).toBeUndefined();
    // Every number a valid name gives maps back to a name with the same number.
    for (const name of [...VDEV_NAMES, "xvdzz255", "hdd63", "sdp15", "d1048575p255", "xvda15", "xvdp1"]) {
      const info = decodeVdev(name);
      if (!info.valid) continue;
      const canonical = nameForDeviceNumber(info.deviceNumber);
      if (canonical === undefined) {
        expect(info.kind).toBe("numeric");
        continue;
      }
      expect(decodeVdev(canonical).deviceNumber).toBe(info.deviceNumber);
      expect(info.canonicalName).toBe(canonical);
    }
  });
});

describe("HVM emulation", () => {
  it("emulates index 0–3 as IDE, xvd as well as hd, but not sd or numbers", () => {
    for (const name of ["hda", "hdd", "xvda", "xvdd", "d3p0", "hda1"]) expect(isEmulatedAsIde(decodeVdev(name)), name).toBe(true);
    for (const name of ["xvde", "sda", "51712", "xvdq", "hd0"]) expect(isEmulatedAsIde(decodeVdev(name)), name).toBe(false);
    expect(hvmEmulation(decodeVdev("sdb")).kind).toBe("scsi");
    expect(hvmEmulation(decodeVdev("51712")).kind).toBe("pv-only");
    expect(hvmEmulation(decodeVdev("xvde")).kind).toBe("pv-only");
    expect(hvmEmulation(decodeVdev("xvde"), { hdtype: "ahci" })).toMatchObject({ kind: "ahci", index: 4 });
    expect(hvmEmulation(decodeVdev("xvdg"), { hdtype: "ahci" }).kind).toBe("pv-only");
  });

  it("emulates CD-ROMs up to index 4, sd names included", () => {
    expect(hvmEmulation(decodeVdev("hdc"), { cdrom: true })).toMatchObject({ kind: "ide-cdrom", index: 2 });
    expect(hvmEmulation(decodeVdev("xvde"), { cdrom: true })).toMatchObject({ kind: "ide-cdrom", index: 4 });
    expect(hvmEmulation(decodeVdev("sda"), { cdrom: true }).kind).toBe("ide-cdrom");
    expect(hvmEmulation(decodeVdev("xvdf"), { cdrom: true }).kind).toBe("pv-only");
  });
});

// ---------------------------------------------------------------------------
// Against libxl (xl-oracle check --deep)
// ---------------------------------------------------------------------------

const unavailable = oracleUnavailableReason();

/** Names that can sit in `vdev=NAME,` inside a single-quoted config string. */
function generatedVdevNames(count: number): string[] {
  const random = seededRandom(0x7de5);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const int = (max: number): number => Math.floor(random() * max);
  const letters = (): string => Array.from({ length: 1 + int(3) }, () => String.fromCharCode(97 + int(26))).join("");
  const number = (): string => pick([String(int(20)), String(int(300)), `0x${int(40).toString(16)}`, `0${int(20).toString(8)}`, `-${int(3)}`, ` ${int(9)}`, `+${int(9)}`, "0x", "08", String(2 ** 32 + int(20))]);
  const generators: readonly (() => string)[] = [
    // well-formed names, with partitions inside and outside the limits
    () => `${pick(["xvd", "hd", "sd"])}${letters()}${pick(["", "", String(1 + int(300)), "0", "01"])}`,
    () => `d${number()}p${number()}`,
    () => `${pick(["", " ", "  ", "+", "-", "0", "0x", "\t"])}${int(2 ** 31).toString(pick([10, 16]))}`,
    () => pick(["xvd", "hd", "sd", "d", "p"]) + pick(["", " ", "-", "+", "A", "x"]) + String(int(400)),
    // free-form junk
    () => {
      const heads = ["xvd", "hd", "sd", "d", "", " ", "0x", "0", "-", "+", "XVD", "x"];
      const bodies = ["a", "b", "d", "e", "p", "q", "z", "aa", "zz", "A", "0", "1", "9", "15", "16", "63", "64", "255", "256", " ", "-", "+", "x", "0x", "08"];
      let name = pick(heads);
      for (let i = int(4); i > 0; i--) name += pick(bodies);
      return name;
    },
  ];
  const names = new Set<string>(VDEV_NAMES.filter((name) => !/[,'\\]/.test(name)));
  while (names.size < count) {
    const name = pick(generators)();
    if (name.length < 30) names.add(name);
  }
  return [...names];
}

function deviceNumbersFromLibxl(names: readonly string[]): { numbers: Map<number, number>; invalid: Set<number>; status: number | null } {
  const dir = mkdtempSync(path.join(tmpdir(), "xlint-vdev-"));
  try {
    const file = path.join(dir, "vdevs.cfg");
    const disks = names.map((name) => `  'vdev=${name},target=/dev/vg/d',`).join("\n");
    writeFileSync(file, `name = "vdevs"\ntype = "pv"\nkernel = "/boot/vmlinuz"\nmemory = 256\ndisk = [\n${disks}\n]\n`);
    const run = spawnSync(oraclePath, ["check", "--deep", file], { encoding: "utf8", env: { ...process.env, XL_ORACLE_TRACE: "1" } });
    const numbers = new Map<number, number>();
    for (const match of run.stderr.matchAll(/^xl-oracle-shim: deep: disk (\d+) vdev .* -> devid (-?\d+)$/gm)) {
      numbers.set(Number(match[1]), Number(match[2]));
    }
    const invalid = new Set<number>();
    for (const match of run.stderr.matchAll(/^xl-oracle deep check: disk (\d+): libxl: Invalid or unsupported virtual disk identifier/gm)) {
      invalid.add(Number(match[1]));
    }
    return { numbers, invalid, status: run.status };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(unavailable !== undefined)(`vdev names against libxl${unavailable ? ` (skipped: ${unavailable})` : ""}`, () => {
  it("computes libxl's device number and validity for a generated set of names", () => {
    const started = Date.now();
    const names = generatedVdevNames(1000);
    const { numbers, invalid, status } = deviceNumbersFromLibxl(names);
    expect(status).toBe(invalid.size > 0 ? 1 : 0);
    const mismatches: string[] = [];
    names.forEach((name, index) => {
      const ours = decodeVdev(name);
      if (ours.valid === invalid.has(index)) mismatches.push(`${JSON.stringify(name)}: ours valid=${ours.valid}, libxl ${invalid.has(index) ? "invalid" : "valid"}`);
      const theirs = numbers.get(index);
      if (theirs !== undefined && theirs !== ours.deviceNumber) mismatches.push(`${JSON.stringify(name)}: ours ${ours.deviceNumber}, libxl ${theirs}`);
    });
    const validCount = names.length - invalid.size;
    console.log(`vdev: ${names.length} names (${validCount} valid for libxl), ${numbers.size} device numbers compared, ${mismatches.length} mismatches, ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(mismatches).toEqual([]);
    // Both kinds must be well represented, and the numbers must have been read.
    expect(invalid.size).toBeGreaterThan(200);
    expect(validCount).toBeGreaterThan(200);
    expect(numbers.size).toBe(names.length);
  }, 60_000);
});
