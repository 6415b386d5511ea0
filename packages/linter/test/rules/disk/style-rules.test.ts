/**
 * The rules for disk specs xl accepts but probably misreads: whitespace,
 * `target=` not last, old prefixes, relative paths, and one target used by
 * two guests.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_HOST, lintFiles, allRules } from "../../../src/index";
import { applyFix, config, covered, findings, lint } from "./helpers";

describe("disk-whitespace", () => {
  it("points at the blanks that stay in the target and removes them", () => {
    const source = config(["/srv/a.img , raw, xvda, w"]);
    const [d] = findings(source, "disk-whitespace");
    expect(covered(source, d!)).toBe(" ");
    expect(d?.message).toContain("`/srv/a.img `");
    const fixed = applyFix(source, d?.fix);
    expect(fixed).toContain('"/srv/a.img, raw, xvda, w"');
    expect(findings(fixed, "disk-whitespace")).toEqual([]);
  });
  it("covers blanks after `=`, in one finding per field", () => {
    const source = config(["vdev=xvda,backend= dom1 ,target= /srv/a.img "]);
    const found = findings(source, "disk-whitespace");
    expect(found.map((d) => d.message.match(/^The (\w+)/)?.[1])).toEqual(["backend", "target"]);
    expect(applyFix(applyFix(source, found[1]?.fix), found[0]?.fix)).toContain('"vdev=xvda,backend=dom1,target=/srv/a.img"');
  });
  it("leaves a vdev libxl refuses to disk-invalid-vdev, and blanks after commas alone", () => {
    const source = config(["/a,raw,xvda ,w"]);
    expect(findings(source, "disk-whitespace")).toEqual([]);
    expect(findings(source, "disk-invalid-vdev")).toHaveLength(1);
    expect(findings(config(["format=raw,  vdev=xvda,\taccess=rw, target=/a"]), "disk-whitespace")).toEqual([]);
  });
});

describe("disk-target-not-last", () => {
  it("reports the swallowed fields and moves target= to the end", () => {
    const source = config(["vdev=xvda,target=/srv/a.qcow2,format=qcow2,access=ro"]);
    const [d] = findings(source, "disk-target-not-last");
    expect(covered(source, d!)).toBe("format=qcow2,access=ro");
    const fixed = applyFix(source, d?.fix);
    expect(fixed).toContain('"vdev=xvda,format=qcow2,access=ro,target=/srv/a.qcow2"');
    expect(lint(fixed).filter((x) => x.rule.startsWith("disk-"))).toEqual([]);
  });
  it("knows flags too, and leaves commas that belong to the path", () => {
    expect(findings(config(["vdev=hdc,target=/srv/a.iso,cdrom"]), "disk-target-not-last")).toHaveLength(1);
    expect(findings(config(["vdev=xvda,target=/srv/a,b.img", "vdev=xvdb,target=/srv/x,mode=fast"]), "disk-target-not-last")).toEqual([]);
  });
  it("offers no fix when the moved spec would be refused", () => {
    const [d] = findings(config(["format=raw,vdev=xvda,target=/a,format=qcow2"]), "disk-target-not-last");
    expect(d).toBeDefined();
    expect(d?.fix).toBeUndefined();
  });
});

describe("disk-deprecated-prefix", () => {
  it("is info, explains `phy:`, and rewrites xm's form into the same disk", () => {
    const source = config(["phy:/dev/vg0/a,xvda,w"]);
    const [d] = findings(source, "disk-deprecated-prefix");
    expect(d?.severity).toBe("info");
    expect(covered(source, d!)).toBe("phy:");
    expect(d?.help).toContain("does not choose the phy backend");
    const fixed = applyFix(source, d?.fix);
    expect(fixed).toContain('"/dev/vg0/a,raw,xvda,w"');
    expect(lint(fixed).filter((x) => x.rule.startsWith("disk-"))).toEqual([]);
  });
  it("carries the format and script of a prefix into the rewrite", () => {
    const cases: [string, string][] = [
      ["qcow2:/srv/a.qcow2,xvda,w", "/srv/a.qcow2,qcow2,xvda,w"],
      ["tap:aio:/srv/a.img,xvda", "/srv/a.img,raw,xvda"],
      ["drbd:app01,hda,w", "app01,raw,hda,w,script=block-drbd"],
      ["raw:/srv/a.iso,hdc:cdrom,ro", "/srv/a.iso,raw,hdc:cdrom,ro"],
    ];
    for (const [spec, expected] of cases) {
      const [d] = findings(config([spec]), "disk-deprecated-prefix");
      expect(d?.fix?.safety, spec).toBe("safe");
      expect(applyFix(config([spec]), d?.fix), spec).toContain(`"${expected}"`);
    }
  });
  it("offers no rewrite for other shapes, or through escapes", () => {
    expect(findings(config(["phy:/dev/x,xvda,w,backendtype=phy"]), "disk-deprecated-prefix")[0]?.fix).toBeUndefined();
    const escaped = 'name = "t"\nkernel = "/k"\ndisk = [ "phy:/dev/a\\\\b,xvda,w" ]\n';
    const [d] = findings(escaped, "disk-deprecated-prefix");
    expect(d).toBeDefined();
    expect(d?.fix).toBeUndefined();
  });
  it("keeps words a newer xl reads: no rewrite that would drop them", () => {
    const [d] = findings(config(["phy:/dev/x,xvda,w,untrusted"]), "disk-deprecated-prefix", { xenVersion: "4.19" });
    expect(d).toBeDefined();
    expect(d?.fix).toBeUndefined();
  });
  it("skips refused specs (their own rule speaks)", () => {
    expect(findings(config(["phy:/dev/x,xvda,w!"]), "disk-deprecated-prefix")).toEqual([]);
  });
});

describe("disk-relative-path", () => {
  it("reports relative paths of dom0 only", () => {
    const source = config(["disk.img,raw,xvda,w", "./b.img,raw,xvdb,w", "/c.img,raw,xvdc,w"]);
    expect(findings(source, "disk-relative-path").map((d) => covered(source, d))).toEqual(["disk.img", "./b.img"]);
    const others = config(["iscsi:iqn.2001-05.com.example:disk1,xvda,w", "vdev=xvdb,backend=storage,target=vg/b", "vdev=xvdc,backendtype=qdisk,target=rbd:pool/c", "vdev=xvdd,script=block-x,target=name"]);
    expect(findings(others, "disk-relative-path")).toEqual([]);
  });
  it("completes xm's bare device names of phy: disks with /dev/", () => {
    const source = config(["phy:hda1,hda1,w"]);
    const [d] = findings(source, "disk-relative-path");
    expect(d?.help).toContain("`/dev/hda1`");
    const fixed = applyFix(source, d?.fix);
    expect(fixed).toContain('"phy:/dev/hda1,hda1,w"');
    expect(findings(fixed, "disk-relative-path")).toEqual([]);
    expect(findings(config(["hda1,raw,hda1,w"]), "disk-relative-path")[0]?.fix).toBeUndefined();
  });
});

describe("duplicate-disk-target", () => {
  const run = (files: Record<string, string>) =>
    lintFiles(Object.entries(files).map(([path, text]) => ({ path, text })), { rules: allRules, host: DEFAULT_HOST }).map((r) => ({
      path: r.path,
      found: r.diagnostics.filter((d) => d.rule === "duplicate-disk-target"),
    }));

  it("reports a writable target in both files, each pointing at the other", () => {
    const results = run({ "a.cfg": config(["/dev/vg0/a,raw,xvda,w"]), "b.cfg": config(["/dev/vg0/b,raw,xvda,w", "/dev/vg0/a,raw,xvdb,r"]) });
    expect(results.map((r) => r.found.length)).toEqual([1, 1]);
    expect(results[0]?.found[0]?.related[0]?.path).toBe("b.cfg");
    expect(results[1]?.found[0]?.message).toContain("another disk");
    expect(results[1]?.found[0]?.help).toMatch(/^Other uses: disk 1 \(line 3\) of a.cfg\. /);
  });
  it("reports the second use within one file only once", () => {
    const [result] = run({ "a.cfg": config(["/dev/vg0/a,raw,xvda,w", "phy:/dev/vg0/a,xvdb,w"]) });
    expect(result?.found.map((d) => d.range.start.line)).toEqual([2]);
    expect(result?.found[0]?.message).toContain("disk 1 (line 3)");
  });
  it("lets read-only and CD-ROM uses share, and tells script resources apart", () => {
    const results = run({
      "a.cfg": config(["/srv/iso/x.iso,raw,xvdc,cdrom", "/srv/base.img,raw,xvdd,r", "iscsi:disk1,xvde,w"]),
      "b.cfg": config(["/srv/iso/x.iso,raw,xvdc,cdrom", "/srv/base.img,raw,xvdd,r", "drbd:disk1,xvde,w"]),
    });
    expect(results.flatMap((r) => r.found)).toEqual([]);
  });
});
