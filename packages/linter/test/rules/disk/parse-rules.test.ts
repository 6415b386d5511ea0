/**
 * The rules for disk specs xl's parser refuses: one finding per refused
 * item, from the most specific rule, pointing at the offending text, with
 * fixes that xl then accepts.
 */
import { describe, expect, it } from "vitest";
import { applyFix, config, covered, findings, HVM, lint } from "./helpers";

const FAILURE_RULES = ["disk-invalid-spec", "disk-xm-positional", "disk-shared-writable", "disk-missing-vdev", "disk-missing-target", "disk-trusted-flag"];

function failureFindings(text: string, xenVersion = "4.17") {
  return lint(text, { xenVersion }).filter((d) => FAILURE_RULES.includes(d.rule));
}

describe("one finding per refused disk, from the most specific rule", () => {
  const cases: [string, string, string][] = [
    ["/img,vmdk,xvda,w", "disk-invalid-spec", "vmdk"],
    ["vdev=xvda,mode=rw,target=/img", "disk-invalid-spec", "mode=r"],
    ["foo:/img,xvda,w", "disk-invalid-spec", "foo:"],
    ["/img,raw,xvda,w,extra", "disk-invalid-spec", "extra"],
    ["Format=raw,vdev=xvda,target=/img", "disk-invalid-spec", "=raw,vdev=xvda,target=/img"],
    ["/img,raw,xvda,RW", "disk-invalid-spec", "RW"],
    ["/dev/vg0/a,xvda,w", "disk-xm-positional", "xvda"],
    ["/srv/a.iso,hdc:cdrom,r", "disk-xm-positional", "hdc:cdrom"],
    ["phy:/dev/x,xvda,w!", "disk-shared-writable", "w!"],
    ["/img,raw,xvda,rw!", "disk-shared-writable", "rw!"],
    ["phy:/dev/x", "disk-missing-vdev", "phy:/dev/x"],
    ["target=/a,vdev=xvda", "disk-missing-vdev", "target=/a,vdev=xvda"],
    ["vdev=xvda,access=rw", "disk-missing-target", "vdev=xvda,access=rw"],
    ["/img,raw,xvda,rw,trusted", "disk-trusted-flag", "trusted"],
    ["untrusted,/img,raw,xvda", "disk-trusted-flag", "untrusted"],
  ];
  for (const [spec, rule, text] of cases) {
    it(`${spec} → ${rule} on \`${text}\``, () => {
      const source = config([spec]);
      const all = failureFindings(source);
      expect(all.map((d) => d.rule)).toEqual([rule]);
      const [d] = all;
      expect(d?.severity).toBe("error");
      expect(covered(source, d!)).toBe(text);
    });
  }

  it("reports every refused item of the list, each once", () => {
    const source = config(["/a,xvda,w", "/b,raw,xvdb,w", "/c,raw,xvdc,w!", "/d,qcow3,xvdd"]);
    expect(failureFindings(source).map((d) => [d.rule, d.range.start.line])).toEqual([
      ["disk-xm-positional", 2],
      ["disk-shared-writable", 2],
      ["disk-invalid-spec", 2],
    ]);
  });

  it("says nothing about specs xl accepts", () => {
    const source = config(["/dev/vg0/a,raw,xvda,w", "phy:/dev/vg0/b,xvdb,w", "format=qcow2,vdev=xvdc,access=ro,target=/srv/c.qcow2", ",,hdc:cdrom,r"], HVM);
    expect(failureFindings(source)).toEqual([]);
  });

  it("points through escapes at the right characters", () => {
    // `\\` in the file is one backslash for xl, so the spec's indices and the file's differ by one.
    const source = 'name = "t"\nkernel = "/k"\ndisk = [ "/i\\\\g,raw,xvda,w!" ]\n';
    const [d] = findings(source, "disk-shared-writable");
    expect(covered(source, d!)).toBe("w!");
  });
});

describe("disk-xm-positional", () => {
  it("inserts the format; xl then accepts the spec", () => {
    const source = config(["/dev/vg0/a,xvda,w"]);
    const [d] = findings(source, "disk-xm-positional");
    expect(d?.fix?.safety).toBe("safe");
    const fixed = applyFix(source, d?.fix);
    expect(fixed).toContain('"/dev/vg0/a,raw,xvda,w"');
    expect(failureFindings(fixed)).toEqual([]);
  });
  it("marks the fix unsafe when the image name says it is not raw", () => {
    const [d] = findings(config(["/srv/a.qcow2,xvda,w"]), "disk-xm-positional");
    expect(d?.fix?.safety).toBe("unsafe");
  });
  it("leaves a second field that is no vdev to disk-invalid-spec", () => {
    expect(findings(config(["/img,foo,w"]), "disk-xm-positional")).toEqual([]);
    expect(findings(config(["/img,foo,w"]), "disk-invalid-spec")).toHaveLength(1);
  });
});

describe("disk-shared-writable", () => {
  it("offers `w` as an unsafe fix", () => {
    const source = config(["phy:/dev/x,xvda,w!"]);
    const [d] = findings(source, "disk-shared-writable");
    expect(d?.fix?.safety).toBe("unsafe");
    expect(applyFix(source, d?.fix)).toContain('"phy:/dev/x,xvda,w"');
  });
});

describe("disk-missing-vdev", () => {
  it("moves a target= that swallowed the vdev to the end", () => {
    const source = config(["target=/srv/a.img,vdev=xvda,access=rw"]);
    const [d] = findings(source, "disk-missing-vdev");
    expect(d?.help).toContain("`/srv/a.img,vdev=xvda,access=rw`");
    const fixed = applyFix(source, d?.fix);
    expect(fixed).toContain('"vdev=xvda,access=rw,target=/srv/a.img"');
    expect(lint(fixed).filter((x) => x.rule.startsWith("disk-"))).toEqual([]);
  });
  it("has no fix when nothing was swallowed", () => {
    expect(findings(config(["/srv/a.img,raw"]), "disk-missing-vdev")[0]?.fix).toBeUndefined();
  });
});

describe("disk-trusted-flag", () => {
  it("is an error on 4.17 and 4.18, nothing on 4.19", () => {
    const source = config(["/img,raw,xvda,rw,untrusted"]);
    expect(findings(source, "disk-trusted-flag", { xenVersion: "4.18" })).toHaveLength(1);
    expect(lint(source, { xenVersion: "4.19" }).filter((d) => d.rule.startsWith("disk-"))).toEqual([]);
  });
  it("reads the rest of the spec as a 4.19 xl does", () => {
    const source = config(["trusted,/img,raw,xvda,w!"]);
    expect(failureFindings(source, "4.19").map((d) => d.rule)).toEqual(["disk-shared-writable"]);
    expect(failureFindings(config(["/img,raw,xvda,grant_usage=1,rw"]), "4.19")).toEqual([]);
    expect(failureFindings(config(["/img,raw,xvda,rw,untrusted,grant_usage=0"]), "4.19")).toEqual([]);
    expect(failureFindings(config(["/img,raw,xvda,grant_usage=1,rw"]), "4.17").map((d) => d.rule)).toEqual(["disk-invalid-spec"]);
  });
  it("reports a word xl took as the target even though the spec parses", () => {
    const source = config(["trusted,vdev=xvda"]);
    const [d] = findings(source, "disk-trusted-flag");
    expect(d?.help).toContain("as its target");
    expect(findings(source, "disk-relative-path")).toEqual([]);
  });
  it("removes `trusted` safely and `untrusted` unsafely, comma included", () => {
    const source = config(["/img,raw,xvda,rw,trusted"]);
    const [d] = findings(source, "disk-trusted-flag");
    expect(d?.fix?.safety).toBe("safe");
    expect(applyFix(source, d?.fix)).toContain('"/img,raw,xvda,rw"');
    const other = config(["untrusted,/img,raw,xvda"]);
    const [u] = findings(other, "disk-trusted-flag");
    expect(u?.fix?.safety).toBe("unsafe");
    expect(applyFix(other, u?.fix)).toContain('"/img,raw,xvda"');
  });
  it("leaves a refusal that happens before the word to the other rules", () => {
    const source = config(["foo:/img,xvda,trusted"]);
    expect(failureFindings(source).map((d) => d.rule)).toEqual(["disk-invalid-spec"]);
  });
});

describe("disk-missing-target", () => {
  it("reports an empty target on a disk, which libxl cannot stat", () => {
    const source = config([",raw,xvda,w"]);
    const [d] = findings(source, "disk-missing-target");
    expect(d?.help).toContain("failed to stat");
    expect(covered(source, d!)).toBe(",raw,xvda,w");
  });
  it("accepts an empty CD-ROM drive, and a target handled by a driver domain", () => {
    expect(findings(config([",raw,hdc,devtype=cdrom", "vdev=hdd,devtype=cdrom"], HVM), "disk-missing-target")).toEqual([]);
    expect(findings(config(["vdev=xvda,backend=storage,target="]), "disk-missing-target")).toEqual([]);
  });
});
