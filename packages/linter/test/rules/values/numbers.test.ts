import { describe, expect, it } from "vitest";
import { DEFAULT_HOST, lintText } from "../../../src/index";
import { valuesRules } from "../../../src/rules/values";
import { HVM, PV, PVH, applyFix, covered, findings, only } from "./helpers";

const VALUES = new Set(valuesRules.map((r) => r.id));
const valuesFindings = (text: string) => lintText(text, { host: DEFAULT_HOST }).diagnostics.filter((d) => VALUES.has(d.rule));

describe("invalid-number", () => {
  it("reports a size suffix, points at it, and turns a MiB size into a plain number", () => {
    const text = `${PVH}memory = "2G"\n`;
    const d = only(text, "invalid-number");
    expect(d.severity).toBe("warning");
    expect(covered(text, d)).toBe("G");
    expect(d.help).toContain("size suffixes");
    // xl ignored "2G": with the fix the guest gets 2048 MiB instead of the default.
    expect(d.fix?.safety).toBe("unsafe");
    const fixed = applyFix(text, d.fix);
    expect(fixed).toContain("memory = 2048\n");
    expect(valuesFindings(fixed)).toEqual([]);
  });

  it("makes the grant limits an error (xl exits without a message) and trims a trailing blank", () => {
    const text = `${PVH}max_grant_frames = "64 "\n`;
    const d = only(text, "invalid-number");
    expect(d.severity).toBe("error");
    expect(d.help).toContain("without printing any message");
    expect(applyFix(text, d.fix)).toContain("max_grant_frames = 64\n");
  });

  it("notes octal numbers, with an unsafe fix", () => {
    const d = only(`${PVH}vcpus = 010\n`, "invalid-number");
    expect(d.severity).toBe("info");
    expect(d.message).toContain("as octal: 8, not 10");
    expect(d.fix?.safety).toBe("unsafe");
    expect(findings(`${PVH}vcpus = "010"\n`, "quoted-number"), "one finding per value").toEqual([]);
  });

  it("turns boolean words into 1 and 0, says when xl reads the key quietly, and reports overflow", () => {
    const text = `${PVH}acpi = "yes"\n`;
    expect(applyFix(text, only(text, "invalid-number").fix)).toContain("acpi = 1\n");
    expect(only(`${HVM}vmtrace_buf_kb = "lots"\n`, "invalid-number").help).toContain("quietly");
    expect(only(`${HVM}viridian = "base"\n`, "invalid-number").help).toContain("quietly");
    const huge = only(`${PVH}memory = 99999999999999999999\n`, "invalid-number");
    expect(huge.message).toContain("too large");
    expect(huge.fix).toBeUndefined();
  });

  it("stays quiet about keys xl does not read for the guest, and about `+=`", () => {
    expect(findings(`${PV}acpi_s3 = "x"\n`, "invalid-number")).toEqual([]);
    expect(findings(`${PV}vncdisplay = "x"\n`, "invalid-number")).toEqual([]);
    expect(findings(`${PVH}memory += "x"\n`, "invalid-number")).toEqual([]);
    expect(findings(`${HVM}tsc_mode = "x"\n`, "invalid-number"), "a name key: invalid-enum-value's").toEqual([]);
  });
});

describe("append-to-number", () => {
  it("points at `+=` and fixes a sole assignment", () => {
    const text = `${PVH}memory += 2048\n`;
    const d = only(text, "append-to-number");
    expect(d.severity).toBe("warning");
    expect(covered(text, d)).toBe("+=");
    const fixed = applyFix(text, d.fix);
    expect(fixed).toContain("memory = 2048\n");
    expect(valuesFindings(fixed)).toEqual([]);
  });

  it("is an error for the grant limits and offers no fix when values were joined", () => {
    const d = only(`${PVH}max_grant_frames = 32\nmax_grant_frames += 32\n`, "append-to-number");
    expect(d.severity).toBe("error");
    expect(d.fix).toBeUndefined();
    expect(d.help).toContain("`3232`");
  });

  it("leaves string keys alone", () => {
    expect(findings(`${PVH}extra = "a"\nextra += " b"\n`, "append-to-number")).toEqual([]);
  });
});

describe("number-out-of-range", () => {
  it("is an error where xl checks the range, for the guest types xl reads the key for", () => {
    const d = only(`${HVM}mmio_hole = 4096\n`, "number-out-of-range");
    expect(d.severity).toBe("error");
    expect(d.message).toContain("256–3840");
    expect(findings(`${PV}mmio_hole = 4096\n`, "number-out-of-range")).toEqual([]);
    expect(only(`${HVM}altp2m = 5\n`, "number-out-of-range").severity).toBe("error");
    expect(only(`${PV}tsc_mode = 7\n`, "number-out-of-range").severity).toBe("error");
    expect(only(`${HVM}timer_mode = 4\n`, "number-out-of-range").severity).toBe("error");
    expect(findings(`${PV}timer_mode = 4\n`, "number-out-of-range"), "timer-mode-on-pv's").toEqual([]);
  });

  it("makes the grant limits above INT_MAX an error", () => {
    const d = only(`${PVH}max_grant_frames = 0x80000000\n`, "number-out-of-range");
    expect(d.severity).toBe("error");
    expect(d.help).toContain("without printing any message");
  });

  it("warns about documented ranges xl does not check, and leaves vCPUs to the guest family", () => {
    expect(only(`${PVH}cpu_weight = 0\n`, "number-out-of-range").severity).toBe("warning");
    expect(only(`${PVH}memory = 0\n`, "number-out-of-range").severity).toBe("warning");
    expect(findings(`${PVH}vcpus = 0\nmaxvcpus = 0\n`, "number-out-of-range")).toEqual([]);
  });

  it("checks SPICE USB redirection only with SPICE on", () => {
    expect(only(`${HVM}spice = 1\nspiceport = 6000\nspicedisable_ticketing = 1\nspiceusbredirection = 8\n`, "number-out-of-range").severity).toBe("error");
    expect(findings(`${HVM}spiceusbredirection = 8\n`, "number-out-of-range")).toEqual([]);
    expect(only(`${HVM}spiceusbredirection = 8\n`, "ignored-option").message).toContain("spice = 1");
  });
});

describe("quoted-number", () => {
  it("notes a quoted number and unquotes it", () => {
    const text = `${PVH}memory = "2048"\nmax_grant_frames = "0X40"\n`;
    const [memory, grants] = findings(text, "quoted-number");
    expect(memory?.severity).toBe("info");
    expect(applyFix(text, memory?.fix)).toContain("memory = 2048\n");
    expect(applyFix(text, grants?.fix)).toContain("max_grant_frames = 0x40\n");
  });

  it("keeps the quotes a negative number needs, and says nothing about numbers xl cannot read", () => {
    expect(findings(`${PVH}rtc_timeoffset = "-3600"\nmemory = "2G"\n`, "quoted-number")).toEqual([]);
  });
});
