/**
 * The host scope of the cross-file rules, through the linter API: names,
 * UUIDs and local disk targets are compared within one host, MACs across
 * hosts (or within one network when files name it), and NetBSD's vnd devices
 * are counted per host.
 */
import { describe, expect, it } from "vitest";
import { allRules, DEFAULT_HOST, hostFolderMatcher, lintFiles, type Diagnostic, type HostProfile } from "../src/index";

const base = 'type = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 512\nvcpus = 1\n';

interface File {
  readonly path: string;
  readonly text: string;
  readonly host?: Partial<HostProfile>;
}

function lint(files: readonly File[]): Diagnostic[] {
  return lintFiles(
    files.map((f) => ({ path: f.path, text: f.text, host: { ...DEFAULT_HOST, ...f.host } })),
    { rules: allRules, host: DEFAULT_HOST },
  ).flatMap((r) => r.diagnostics);
}

const only = (diagnostics: readonly Diagnostic[], rule: string): Diagnostic[] => diagnostics.filter((d) => d.rule === rule);

const guest = (name: string, extra = ""): string => `name = "${name}"\n${base}${extra}`;

describe("names, UUIDs and disk targets: within one host", () => {
  it("the same name on two hosts is quiet", () => {
    const found = lint([
      { path: "alpha/web.cfg", text: guest("web"), host: { name: "alpha" } },
      { path: "beta/web.cfg", text: guest("web"), host: { name: "beta" } },
    ]);
    expect(only(found, "duplicate-name")).toEqual([]);
  });

  it("the same name on one host is reported, naming the host", () => {
    const found = only(
      lint([
        { path: "alpha/web.cfg", text: guest("web"), host: { name: "alpha" } },
        { path: "alpha/web-copy.cfg", text: guest("web"), host: { name: "alpha" } },
        { path: "beta/web.cfg", text: guest("web"), host: { name: "beta" } },
      ]),
      "duplicate-name",
    );
    expect(found.map((d) => d.path)).toEqual(["alpha/web.cfg", "alpha/web-copy.cfg"]);
    expect(found[0]?.message).toBe("The guest name `web` is also used by another guest on host alpha");
    expect(found[0]?.help).toMatch(/^Other uses: alpha\/web-copy.cfg:1\. /);
    expect(found[0]?.related).toEqual([expect.objectContaining({ path: "alpha/web-copy.cfg", message: "also here on host alpha" })]);
  });

  it("files of no named host share one host, as before", () => {
    const found = lint([
      { path: "a.cfg", text: guest("web") },
      { path: "b.cfg", text: guest("web") },
    ]);
    expect(only(found, "duplicate-name")).toHaveLength(2);
    expect(only(found, "duplicate-name")[0]?.message).not.toContain("on host");
  });

  it("a named host and the unnamed one are different hosts", () => {
    const found = lint([
      { path: "a.cfg", text: guest("web") },
      { path: "alpha/b.cfg", text: guest("web"), host: { name: "alpha" } },
    ]);
    expect(only(found, "duplicate-name")).toEqual([]);
  });

  it("UUIDs are compared within one host", () => {
    const uuid = 'uuid = "6c6d5f0e-8f3a-4d7e-9b1a-2f3c4d5e6f70"\n';
    const twoHosts = lint([
      { path: "alpha/a.cfg", text: guest("a", uuid), host: { name: "alpha" } },
      { path: "beta/b.cfg", text: guest("b", uuid), host: { name: "beta" } },
    ]);
    expect(only(twoHosts, "duplicate-uuid")).toEqual([]);
    const oneHost = lint([
      { path: "alpha/a.cfg", text: guest("a", uuid), host: { name: "alpha" } },
      { path: "alpha/b.cfg", text: guest("b", uuid), host: { name: "alpha" } },
    ]);
    expect(only(oneHost, "duplicate-uuid")).toHaveLength(2);
  });

  it("local disk targets are compared within one host; targets behind a hotplug script across hosts", () => {
    const local = 'disk = [ "/dev/vg0/data,raw,xvda,w" ]\n';
    const iscsi = 'disk = [ "vdev=xvdb,access=w,script=block-iscsi,target=iqn.2001-05.com.example:data" ]\n';
    const twoHosts = only(
      lint([
        { path: "alpha/a.cfg", text: guest("a", local), host: { name: "alpha" } },
        { path: "beta/b.cfg", text: guest("b", local), host: { name: "beta" } },
      ]),
      "duplicate-disk-target",
    );
    expect(twoHosts).toEqual([]);
    const oneHost = only(
      lint([
        { path: "alpha/a.cfg", text: guest("a", local), host: { name: "alpha" } },
        { path: "alpha/b.cfg", text: guest("b", local), host: { name: "alpha" } },
      ]),
      "duplicate-disk-target",
    );
    expect(oneHost).toHaveLength(2);
    expect(oneHost[0]?.help).toContain("of alpha/b.cfg on host alpha");
    const shared = only(
      lint([
        { path: "alpha/a.cfg", text: guest("a", iscsi), host: { name: "alpha" } },
        { path: "beta/b.cfg", text: guest("b", iscsi), host: { name: "beta" } },
      ]),
      "duplicate-disk-target",
    );
    expect(shared).toHaveLength(2);
    expect(shared[0]?.help).toContain("on host beta");
  });
});

describe("MACs: across hosts, or within one network", () => {
  const vif = (mac: string): string => `vif = [ "mac=${mac},bridge=xenbr0" ]\n`;

  it("the same MAC on two hosts is reported, naming both hosts", () => {
    const found = only(
      lint([
        { path: "alpha/a.cfg", text: guest("a", vif("00:16:3e:00:00:01")), host: { name: "alpha" } },
        { path: "beta/b.cfg", text: guest("b", vif("00:16:3E:00:00:01")), host: { name: "beta" } },
      ]),
      "duplicate-mac",
    );
    expect(found).toHaveLength(2);
    expect(found[0]?.message).toContain("`00:16:3e:00:00:01` on host alpha is also used by another vif");
    expect(found[0]?.help).toContain("beta/b.cfg:6 (host beta)");
    expect(found[0]?.related).toEqual([expect.objectContaining({ path: "beta/b.cfg", message: "the same MAC 00:16:3e:00:00:01 on host beta" })]);
    expect(found[1]?.message).toContain(") on host beta is also used by another vif");
    expect(found[1]?.help).toContain("alpha/a.cfg:6 (host alpha)");
  });

  it("with host.network, only files of the same network are compared", () => {
    const mac = vif("00:16:3e:00:00:07");
    const found = only(
      lint([
        { path: "alpha/a.cfg", text: guest("a", mac), host: { name: "alpha", network: "dmz" } },
        { path: "beta/b.cfg", text: guest("b", mac), host: { name: "beta", network: "lan" } },
        { path: "gamma/c.cfg", text: guest("c", mac), host: { name: "gamma", network: "dmz" } },
      ]),
      "duplicate-mac",
    );
    expect(found.map((d) => d.path)).toEqual(["alpha/a.cfg", "gamma/c.cfg"]);
    expect(found[0]?.message).not.toContain("beta");
  });

  it("two vifs of one guest still clash, host or not", () => {
    const found = only(lint([{ path: "alpha/a.cfg", text: guest("a", 'vif = [ "mac=00:16:3e:00:00:01", "mac=00:16:3e:00:00:01" ]\n'), host: { name: "alpha" } }]), "duplicate-mac");
    expect(found).toHaveLength(2);
    expect(found[0]?.message).toMatch(/is also used at line 6$/);
    expect(found[0]?.message).not.toContain("host");
  });
});

describe("disk-vnd-devices: file-backed disks of a NetBSD dom0", () => {
  const netbsd = (name: string, disks: number, host: Partial<HostProfile> = {}): File => ({
    path: `${host.name ?? "."}/${name}.cfg`,
    text: `name = "${name}"\ntype = "pv"\nkernel = "/netbsd-XEN3_DOMU.gz"\nmemory = 256\ndisk = [ ${Array.from({ length: disks }, (_, i) => `"file:/n0/xen/${name}-xbd${i},0x${i},w"`).join(", ")} ]\n`,
    host: { os: "netbsd", ...host },
  });

  it("reports, as info, more than the 4 vnd devices MAKEDEV makes across one host's guests", () => {
    const found = only(lint([netbsd("a", 3), netbsd("b", 2)]), "disk-vnd-devices");
    expect(found.map((d) => [d.path, d.severity])).toEqual([["./a.cfg", "info"], ["./b.cfg", "info"]]);
    expect(found[0]?.message).toBe("5 file-backed disks in this dom0's guests, more than its 4 vnd devices by default");
    expect(found[0]?.help).toContain("3 of the disks are here, the others in ./b.cfg (2)");
    expect(found[0]?.help).toContain("MAKEDEV vnd4");
  });

  it("counts per host, and as a warning against a stated host.vndDevices", () => {
    expect(only(lint([netbsd("a", 3, { name: "alpha" }), netbsd("b", 2, { name: "beta" })]), "disk-vnd-devices")).toEqual([]);
    const stated = only(lint([netbsd("a", 2, { name: "alpha", vndDevices: 2 }), netbsd("b", 1, { name: "alpha", vndDevices: 2 })]), "disk-vnd-devices");
    expect(stated.map((d) => d.severity)).toEqual(["warning", "warning"]);
    expect(stated[0]?.message).toContain("on host alpha");
  });

  it("counts only disks that need a vnd device, and only on NetBSD", () => {
    const linux = { ...netbsd("a", 5), host: { os: "linux" as const } };
    expect(only(lint([linux]), "disk-vnd-devices")).toEqual([]);
    const mixed: File = {
      path: "m.cfg",
      text: 'name = "m"\ntype = "pv"\nkernel = "/netbsd-XEN3_DOMU.gz"\nmemory = 256\ndisk = [ "/dev/wd1e,raw,xvda,w", "/n0/a.qcow2,qcow2,xvdb,w", "/n0/b.img,raw,xvdc,w", "/n0/c.img,raw,xvdd,w,backend=stor", "/n0/d.img,raw,xvde,w", "/n0/e.img,raw,xvdf,w", "/n0/f.img,raw,xvdg,w" ]\n',
      host: { os: "netbsd" },
    };
    expect(only(lint([mixed]), "disk-vnd-devices")).toEqual([]);
    const five: File = { ...mixed, text: mixed.text.replace(' ]\n', ', "/n0/g.img,raw,xvdh,w" ]\n') };
    expect(only(lint([five]), "disk-vnd-devices")).toHaveLength(1);
  });
});

describe("hostFolderMatcher", () => {
  it("finds the host folder a folder lies in, anchored at the xlint.json", () => {
    const match = hostFolderMatcher(["dom0s/*", "./lab/"]);
    expect(match("dom0s/alpha")).toBe("dom0s/alpha");
    expect(match("dom0s/alpha/web/old")).toBe("dom0s/alpha");
    expect(match("dom0s")).toBeUndefined();
    expect(match("lab/x")).toBe("lab");
    expect(match("other/dom0s/alpha")).toBeUndefined();
    expect(match("../dom0s/alpha")).toBeUndefined();
    expect(hostFolderMatcher([])("dom0s/alpha")).toBeUndefined();
  });
});
