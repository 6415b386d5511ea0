/**
 * parseDiskSpec: the cases of Xen 4.17's check-xl-disk-parse and the extra
 * results of the reference (§3.8), the scanner's whitespace and prefix rules,
 * spans (down to the file through escapes), the words of the problems,
 * checkDiskForLibxl, and a no-throw run over random strings.
 */
import { describe, expect, it } from "vitest";
import { evaluate, LineIndex, parse, type StringValue } from "../src/index";
import { checkDiskForLibxl, parseDiskSpec, type DiskSettings, type DiskSpecResult } from "../src/specs/disk";
import { detachedSpecText, fileRangeOf, specTextOf } from "../src/specs/spec-text";
import { seededRandom } from "./random";

function disk(spec: string): DiskSpecResult {
  return parseDiskSpec(detachedSpecText(spec));
}

/** The text a span covers. */
function at(result: DiskSpecResult, span: { start: number; end: number } | undefined): string | undefined {
  return span === undefined ? undefined : result.text.slice(span.start, span.end);
}

const RW_RAW: Partial<DiskSettings> = { format: "raw", readwrite: true, cdrom: false, removable: false };
const CD_RAW: Partial<DiskSettings> = { format: "raw", readwrite: false, cdrom: true, removable: true };
const CD_EMPTY: Partial<DiskSettings> = { format: "empty", readwrite: false, cdrom: true, removable: true };
const ISCSI = "iqn.2001-05.com.equallogic:0-8a0906-23fe93404-c82797962054a96d-examplehost";

// check-xl-disk-parse's argv cases are written here as one comma-separated
// string, the form a config file uses (space-separated words are separate argv
// entries there, and inside one string only commas separate parameters).
const ACCEPTED: readonly (readonly [string, Partial<DiskSettings>])[] = [
  ["/dev/vg/guest-volume,,hda", { ...RW_RAW, target: "/dev/vg/guest-volume", vdev: "hda" }],
  ["/dev/vg/guest-volume,raw,hda,rw", { ...RW_RAW, target: "/dev/vg/guest-volume", vdev: "hda" }],
  ["format=raw, vdev=hda, access=rw, target=/dev/vg/guest-volume", { ...RW_RAW, target: "/dev/vg/guest-volume", vdev: "hda" }],
  ["format=raw,vdev=hda,access=rw,target=/dev/vg/guest-volume", { ...RW_RAW, target: "/dev/vg/guest-volume", vdev: "hda" }],
  ["raw:/dev/vg/guest-volume,hda,w", { ...RW_RAW, target: "/dev/vg/guest-volume", vdev: "hda" }],
  ["/root/image.iso,,hdc,cdrom", { ...CD_RAW, target: "/root/image.iso", vdev: "hdc" }],
  ["/root/image.iso,,hdc,,cdrom", { ...CD_RAW, target: "/root/image.iso", vdev: "hdc" }],
  ["/root/image.iso,raw,hdc,devtype=cdrom", { ...CD_RAW, target: "/root/image.iso", vdev: "hdc" }],
  ["format=raw, vdev=hdc, access=ro, devtype=cdrom, target=/root/image.iso", { ...CD_RAW, target: "/root/image.iso", vdev: "hdc" }],
  ["raw:/root/image.iso,hdc:cdrom,ro", { ...CD_RAW, target: "/root/image.iso", vdev: "hdc" }],
  ["backendtype=phy,vdev=xvdb,access=w,target=/dev/vg/guest-volume", { ...RW_RAW, target: "/dev/vg/guest-volume", vdev: "xvdb", backendType: "phy" }],
  ["devtype=cdrom,,,hdc", { ...CD_EMPTY, target: "", vdev: "hdc" }],
  [",,hdc:cdrom,r", { ...CD_EMPTY, target: "", vdev: "hdc" }],
  [",hdc:cdrom,r", { ...CD_EMPTY, target: "", vdev: "hdc" }],
  ["vdev=hdc,access=r,devtype=cdrom,target=", { ...CD_EMPTY, target: "", vdev: "hdc" }],
  [",empty,hdc:cdrom,r", { ...CD_EMPTY, target: "", vdev: "hdc" }],
  ["vdev=hdc,access=r,devtype=cdrom,format=empty", { ...CD_EMPTY, target: undefined, vdev: "hdc" }],
  ["vdev=hdc,access=r,devtype=cdrom", { ...CD_EMPTY, target: undefined, vdev: "hdc" }],
  [`iscsi:${ISCSI},xvda,w`, { ...RW_RAW, target: ISCSI, vdev: "xvda", script: "block-iscsi" }],
  [`vdev=xvda,access=w,script=block-iscsi,target=${ISCSI}`, { ...RW_RAW, target: ISCSI, vdev: "xvda", script: "block-iscsi" }],
  ["drbd:app01,hda,w", { ...RW_RAW, target: "app01", vdev: "hda", script: "block-drbd" }],
  ["discard,vdev=hda,target=/some/disk/image.raw", { ...RW_RAW, target: "/some/disk/image.raw", vdev: "hda", discard: true }],
  ["cdrom,no-discard,vdev=hda,target=/some/disk/image.iso", { ...CD_RAW, target: "/some/disk/image.iso", vdev: "hda", discard: false }],
  // additional results of the reference
  [",raw,xvda,target=/b", { ...RW_RAW, target: "/b", vdev: "xvda" }],
  ["vdev=hdc:cdrom,target=/x", { ...RW_RAW, target: "/x", vdev: "hdc:cdrom" }],
  ["nbd:host:1234,xvda,w", { ...RW_RAW, target: "host:1234", vdev: "xvda", script: "block-nbd" }],
  ["phy:raw:/img,xvda,w", { ...RW_RAW, target: "/img", vdev: "xvda" }],
  ["phy:/dev/vg/lv,xvda,w", { ...RW_RAW, target: "/dev/vg/lv", vdev: "xvda" }],
  ["tap:aio:/srv/a.img,xvda,w", { ...RW_RAW, target: "/srv/a.img", vdev: "xvda" }],
  ["tap2:tapdisk:vhd:/srv/a.vhd,xvda,r", { format: "vhd", readwrite: false, target: "/srv/a.vhd", vdev: "xvda" }],
  ["/dev/vg/lv,,xvda", { ...RW_RAW, target: "/dev/vg/lv", vdev: "xvda" }],
  ["format=qcow2,vdev=xvdb,access=ro,devtype=cdrom,target=/srv/a.iso", { format: "qcow2", cdrom: true, readwrite: false, target: "/srv/a.iso" }],
  ["/a,,xvda,w,cdrom,direct-io-safe,colo,colo-host=h,colo-port=9000,colo-export=e,active-disk=a,hidden-disk=hd,backend=dd,specification=virtio", {
    directIoSafe: true, colo: true, coloHost: "h", coloPort: 9000, coloExport: "e", activeDisk: "a", hiddenDisk: "hd", backendDomain: "dd", specification: "virtio",
  }],
  ["discard,no-discard,/a,,xvda", { discard: false }],
  ["no-colo,/a,,xvda", { colo: false }],
  ["colo-port= 12abc,/a,,xvda", { coloPort: 12 }], // atoi
];

describe("parseDiskSpec: specs xl accepts (§3.8)", () => {
  it.each(ACCEPTED)("%j", (spec, expected) => {
    const result = disk(spec);
    expect(result.problems).toEqual([]);
    expect(result.accepted).toBe(true);
    expect(result.disk).toMatchObject(expected);
  });
});

/** [spec, problem code, xl's error, the text xl quotes after `near`] */
const REJECTED: readonly (readonly [string, string, string, string | undefined])[] = [
  ["foo", "no-vdev", "no vdev specified", undefined],
  ["vdev=xvda", "no-target", "no target specified (and device not removable)", undefined],
  ["/img,xvda,w", "unknown-format", "unknown value for format", "xvda"],
  ["phy:/dev/x,xvda,w!", "unknown-access", "unknown value for access", "w!"],
  ["/img,raw,xvda,rw,extra", "too-many-positionals", "too many positional parameters", "extra"],
  ["/a,b=c,xvda", "unknown-parameter", "unknown parameter", "b=c,"],
  ["foo:/img,xvda,w", "unknown-prefix", "unknown deprecated disk prefix", "foo:"],
  ["hdc:", "unknown-prefix", "unknown deprecated disk prefix", "hdc:"],
  ["target=/a,b,c=d", "no-vdev", "no vdev specified", undefined],
  ["/a,raw,xvda,target=/b", "respecified", "target respecified", "/b"],
  ["colo-port=0", "bad-colo-port", "unknown value for colo_port", "0"],
  ["colo-port=4294967296,/a,,xvda", "bad-colo-port", "unknown value for colo_port", "4294967296"],
  ["specification=foo", "unknown-specification", "unknown value for specification", "foo"],
  ["Format=raw,vdev=xvda,target=/x", "bad-syntax", "bad disk syntax", "=raw,vdev=xvda,target=/x"],
  ["grant_usage=1,/a,,xvda", "bad-syntax", "bad disk syntax", "=1,/a,,xvda"],
  ["raw:qcow2:/x,xvda", "respecified", "format respecified", "qcow2"],
  ["iscsi:drbd:/x,xvda", "respecified", "script respecified", "block-drbd"],
  ["backendtype=phy,backendtype=qdisk,/a,,xvda", "respecified", "backend respecified", "qdisk"],
  ["backendtype=nbd,/a,,xvda", "unknown-backendtype", "unknown value for backendtype", "nbd"],
  ["devtype=floppy,/a,,xvda", "unknown-devtype", "unknown value for type", "devtype=floppy,"],
  ["/a,,xvda:floppy", "unknown-deprecated-type", "unknown deprecated type", "floppy"],
  ["vdev=xvda,vdev=xvdb,target=/a", "respecified", "vdev respecified", "xvdb"],
  ["format=vmdk,/a,,xvda", "unknown-format", "unknown value for format", "vmdk"],
  // trusted/untrusted: no rule in Debian's 4.17 scanner, so they are positionals
  ["/a,,xvda,trusted", "unknown-access", "unknown value for access", "trusted"],
  ["/a,,xvda,w,untrusted", "too-many-positionals", "too many positional parameters", "untrusted"],
  ["trusted,vdev=hda,target=/x", "respecified", "target respecified", "/x"],
  ["A=\n", "scanner-jammed", "flex scanner jammed", undefined],
];

describe("parseDiskSpec: specs xl rejects (§3.8 and the reference's extra results)", () => {
  it.each(REJECTED)("%j → %s", (spec, code, xlError, near) => {
    const result = disk(spec);
    expect(result.accepted).toBe(false);
    expect(result.problems[0]).toMatchObject({ code, xlError, near, effect: "fatal" });
    for (const problem of result.problems) expect(problem.message.length).toBeGreaterThan(40);
  });

  it("keeps going after an error like xl: positionals are skipped, parameters still report", () => {
    const result = disk("/a,b=c,xvda,format=vmdk,vdev=x,vdev=y");
    expect(result.problems.map((p) => p.xlError)).toEqual(["unknown parameter", "unknown value for format", "vdev respecified"]);
    expect(result.tokens.find((t) => t.kind === "positional" && at(result, t.valueSpan) === "xvda")?.slot).toBe("skipped");
    // too many positionals, unknown prefixes and bad syntax stop the scanner at once
    expect(disk("/a,,xvda,w,x,b=c").problems).toHaveLength(1);
    expect(disk("foo:/a,b=c").problems).toHaveLength(1);
    // no defaults or required-field checks after an error
    expect(disk("b=c").problems.map((p) => p.code)).toEqual(["unknown-parameter"]);
  });

  it("ends quietly at an `=` that ends the spec, as the scanner does", () => {
    expect(disk("/img,raw,xvda,=").accepted).toBe(true);
    expect(disk("foo,=").problems.map((p) => p.code)).toEqual(["no-vdev"]);
  });
});

describe("parseDiskSpec: scanner details", () => {
  it("skips whitespace only before a field; whitespace before a comma stays in the value", () => {
    expect(disk("phy:/img , xvda , w").disk).toMatchObject({ target: "/img ", vdev: "xvda ", readwrite: true });
    expect(disk(" \t/img,\traw, xvda").disk).toMatchObject({ target: "/img", vdev: "xvda" });
    // a newline ends the look-ahead of the whitespace rule, so a field with one keeps its leading blank
    expect(disk("/a,raw, xv\nda").disk.vdev).toBe(" xv\nda");
  });

  it("lets target= take the rest of the line, commas included, and only one trailing comma off", () => {
    expect(disk("vdev=xvda,target=/a,b,").disk.target).toBe("/a,b");
    expect(disk("vdev=xvda,target=/a,,").disk.target).toBe("/a,");
    // `.` stops at a newline: what follows is read as more fields
    expect(disk("target=/a\n,xvda,w").disk).toMatchObject({ target: "/a", format: "raw", vdev: "xvda" });
    expect(disk("target=/a\nxvda,w").problems[0]).toMatchObject({ code: "unknown-format", near: "xvda" });
  });

  it("matches the prefix rule only for a lowercase word before the colon", () => {
    expect(disk("PHY:/a,xvda,w").problems[0]?.code).toBe("unknown-format");
    expect(disk("hdc:cdrom,raw,xvda").disk.target).toBe("hdc:cdrom");
    expect(disk("phy:").problems[0]?.code).toBe("no-vdev");
    expect(disk("phy:/a,xvda,w").prefixes.map((p) => p.value)).toEqual(["phy"]);
    expect(disk("tap:aio:/a,xvda,w").prefixes.map((p) => p.value)).toEqual(["tap", "aio"]);
  });

  it("lets an empty target be replaced, but not a non-empty one", () => {
    expect(disk(",raw,xvda,target=/b").disk.target).toBe("/b");
    expect(disk("vdev=,vdev=xvda,target=/a").disk.vdev).toBe("xvda");
  });

  it("accepts a repeated enum with the same value", () => {
    expect(disk("raw:/a,xvda,format=raw").accepted).toBe(true);
    expect(disk("backendtype=phy,backendtype=phy,/a,,xvda").accepted).toBe(true);
  });

  it("reads only up to a NUL, as the C string xl gets", () => {
    expect(disk("/a,,xvda\0,bogus=1").disk.vdev).toBe("xvda");
  });
});

describe("parseDiskSpec: spans", () => {
  it("points at the value that is wrong", () => {
    const result = disk("phy:/dev/x,xvda,w!");
    expect(result.problems[0]?.span).toEqual({ start: 16, end: 18 });
    expect(at(result, result.problems[0]?.span)).toBe("w!");
  });

  it("records where each field was written", () => {
    const result = disk("tap:aio:/srv/a.img,xvdb,r,discard,backendtype=qdisk,script=block-x");
    expect(at(result, result.fields.target?.span)).toBe("/srv/a.img");
    expect(at(result, result.fields.vdev?.span)).toBe("xvdb");
    expect(at(result, result.fields.access?.span)).toBe("r");
    expect(at(result, result.fields.discard?.span)).toBe("discard");
    expect(at(result, result.fields.backendType?.span)).toBe("qdisk");
    expect(at(result, result.fields.script?.span)).toBe("block-x");
    expect(result.fields.format).toBeUndefined(); // defaulted, not written
    const cd = disk(",hdc:cdrom,r");
    expect(at(cd, cd.fields.vdev?.span)).toBe("hdc");
    expect(at(cd, cd.fields.devtype?.span)).toBe("cdrom");
    const qcow = disk("qcow2:/a,xvda");
    expect(at(qcow, qcow.fields.format?.span)).toBe("qcow2");
    expect(at(qcow, qcow.prefixes[0]?.span)).toBe("qcow2");
  });

  it("maps spans back to the file through escapes", () => {
    const file = 'name = "g"\ndisk = [ "file:/srv/a\\\\b\\"c.img,xvda,w!",\n  \'phy:/dev/x,xvdb\' ]\n';
    const parsed = parse(file);
    const lines = new LineIndex(file);
    const setting = evaluate(parsed.file).settings.get("disk");
    expect(setting?.value.kind).toBe("list");
    const items = setting?.value.kind === "list" ? setting.value.items : [];
    const node = items[0]?.kind === "string" ? (items[0].parts[0] as StringValue) : undefined;
    expect(node).toBeDefined();
    if (!node) return;
    const spec = specTextOf(node);
    const result = parseDiskSpec(spec);
    expect(result.disk.target).toBe('/srv/a\\b"c.img');
    const fileText = (span: { start: number; end: number } | undefined): string => {
      if (!span) return "";
      const range = fileRangeOf(spec, span, lines);
      return file.slice(range.start.offset, range.end.offset);
    };
    expect(fileText(result.fields.target?.span)).toBe('/srv/a\\\\b\\"c.img');
    expect(fileText(result.fields.vdev?.span)).toBe("xvda");
    expect(fileText(result.problems[0]?.span)).toBe("w!");
    const range = fileRangeOf(spec, result.problems[0]?.span ?? { start: 0, end: 0 }, lines);
    expect(range.start).toMatchObject({ line: 1, column: 37 });
  });

  it("covers the text with tokens up to where the scanner stopped", () => {
    const result = disk(" phy:/a , xvda,w,cdrom");
    let end = 0;
    for (const token of result.tokens) {
      expect(token.span.start).toBe(end);
      end = token.span.end;
    }
    expect(end).toBe(result.text.length);
    expect(result.tokens.map((t) => t.kind)).toEqual(["blank", "prefix", "positional", "blank", "positional", "positional", "flag"]);
    expect(result.tokens.filter((t) => t.kind === "positional").map((t) => t.slot)).toEqual(["target", "vdev", "access"]);
  });
});

describe("parseDiskSpec: messages", () => {
  it("explains the xm three-field form and offers both fixes", () => {
    const message = disk("/img,xvda,w").problems[0]?.message ?? "";
    expect(message).toMatch(/format/);
    expect(message).toContain("`/img,raw,xvda,w`");
    expect(message).toContain("`file:/img,xvda,w`");
    expect(disk("/dev/vg/lv,xvda,w").problems[0]?.message).toContain("`phy:/dev/vg/lv,xvda,w`");
  });

  it("says xl has no shared-writable mode for w!", () => {
    expect(disk("phy:/dev/x,xvda,w!").problems[0]?.message).toMatch(/shared-writable.*write `w`/);
  });

  it("names the Debian 4.17 scanner for trusted/untrusted", () => {
    for (const spec of ["/a,,xvda,trusted", "/a,,xvda,w,untrusted", "trusted,/a,,xvda"]) {
      expect(disk(spec).problems[0]?.message, spec).toMatch(/4\.19/);
    }
  });

  it("suggests the lowercase key, devtype= for type=, and putting target= last", () => {
    expect(disk("Format=raw,/a,,xvda").problems[0]?.message).toContain("`format=`");
    expect(disk("type=cdrom,/a,,xvda").problems[0]?.message).toContain("`devtype=`");
    expect(disk("target=/a,xvda").problems[0]?.message).toMatch(/last/);
  });
});

describe("checkDiskForLibxl", () => {
  const codes = (spec: string, options = {}): string[] => checkDiskForLibxl(disk(spec), options).map((p) => p.code);

  it("finds nothing wrong with ordinary disks", () => {
    for (const spec of ["phy:/dev/vg/lv,xvda,w", "/srv/a.qcow2,qcow2,xvdb,w", ",hdc:cdrom,r", "/root/a.iso,,hdc,cdrom", "iscsi:iqn.x,xvda,w"]) {
      expect(codes(spec), spec).toEqual([]);
    }
    expect(codes("bogus")).toEqual([]); // not accepted by the parser: nothing to say
  });

  it("reports vdevs libxl refuses or guests cannot use", () => {
    expect(codes("/a,,xvda0")).toEqual(["invalid-vdev"]);
    expect(codes("/a,,xvd")).toEqual(["invalid-vdev"]);
    expect(checkDiskForLibxl(disk("/a,,xvda0"))[0]).toMatchObject({ effect: "libxl-fatal", span: { start: 4, end: 9 } });
    expect(codes("/a,,,w")).toEqual(["empty-vdev"]);
    expect(codes("/a,,0x0")).toEqual(["vdev-refused-by-guest"]);
    expect(codes("/a,,0x301")).toEqual([]);
  });

  it("reports empty formats and empty targets", () => {
    expect(codes("/a,empty,xvda")).toEqual(["empty-not-cdrom"]);
    expect(codes("format=empty,devtype=cdrom,vdev=hdc,target=/a.iso")).toEqual(["empty-with-image"]);
    expect(codes(",,xvda")).toEqual(["empty-target"]);
    expect(codes(",,xvda,script=block-x")).toEqual([]); // no stat with a script
    expect(codes("backend=storage,,,xvda")).toEqual([]); // nor with a driver domain
    expect(codes("backend=0,,,xvda")).toEqual(["empty-target"]);
  });

  it("reports disks no backend can serve", () => {
    expect(codes("backendtype=tap,/a,,xvda")).toEqual(["no-suitable-backend"]);
    expect(codes("iscsi:iqn.x,xvda,w,format=qcow2")).toEqual(["no-suitable-backend"]); // phy needs raw, qdisk no script
    expect(codes("script=block-x,/a,qcow2,xvda")).toEqual(["no-suitable-backend"]);
    expect(codes("specification=virtio,backendtype=phy,/a,,xvda")).toEqual(["no-suitable-backend"]);
    expect(codes("specification=virtio,/a,qcow2,xvda")).toEqual(["no-suitable-backend"]);
    expect(codes("specification=virtio,/a,,xvda")).toEqual([]);
    expect(codes("backendtype=standalone,/a,,xvda")).toEqual(["no-suitable-backend"]);
    expect(codes("backendtype=phy,/a,qcow2,xvda")).toEqual(["no-suitable-backend"]);
  });

  it("applies the HVM rules only to HVM guests", () => {
    expect(codes("backendtype=phy,/a.iso,,hdc,cdrom", { guestType: "hvm" })).toEqual(["hvm-cdrom-backend"]);
    expect(codes("backendtype=phy,/a.iso,,hdc,cdrom", { guestType: "pv" })).toEqual([]);
    expect(codes("/a,,xvda,r", { guestType: "hvm" })).toEqual(["read-only-emulated-disk"]);
    expect(codes("/a,,hdb,r", { guestType: "hvm" })).toEqual(["read-only-emulated-disk"]);
    expect(codes("/a,,xvde,r", { guestType: "hvm" })).toEqual([]);
    expect(codes("/a,,xvde,r", { guestType: "hvm", hdtype: "ahci" })).toEqual(["read-only-emulated-disk"]);
    expect(codes("/a,,sda,r", { guestType: "hvm" })).toEqual([]);
    expect(codes("/a,,xvda,r", { guestType: "pvh" })).toEqual([]);
  });
});

describe("parseDiskSpec never throws", () => {
  it("on 20,000 random strings, with consistent results", () => {
    const random = seededRandom(0xd15c0);
    const alphabet = [..."abcdefghijklmnopqrstuvwxyz0123456789ABCXYZ,,,,===:::  \t\n-_./!'\"\\é€", "\0", "\ud83d\ude00", "\ud800", "phy:", "target=", "vdev=", "format=", "cdrom", "xvda", "raw:", "devtype=", "colo-port="];
    for (let i = 0; i < 20_000; i++) {
      let spec = "";
      const length = Math.floor(random() * 24);
      for (let j = 0; j < length; j++) spec += alphabet[Math.floor(random() * alphabet.length)];
      const result = parseDiskSpec(detachedSpecText(spec));
      expect(result.accepted).toBe(result.problems.length === 0);
      if (result.accepted) {
        expect(result.disk.vdev).toBeDefined();
        expect(result.disk.target !== undefined || result.disk.removable).toBe(true);
        expect(result.disk.format).not.toBe("unknown");
        expect(() => checkDiskForLibxl(result, { guestType: "hvm" })).not.toThrow();
      }
      for (const problem of [...result.problems, ...checkDiskForLibxl(result)]) {
        expect(problem.code).not.toBe("internal-error");
        expect(problem.span.start).toBeGreaterThanOrEqual(0);
        expect(problem.span.end).toBeLessThanOrEqual(result.text.length);
        expect(problem.span.start).toBeLessThanOrEqual(problem.span.end);
      }
    }
  });
});
