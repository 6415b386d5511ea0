/** --host-from-system: the facts read from a (fake) Linux sysfs, `xl info`, `xl cpupool-list`, and NetBSD's ifconfig. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { xenConfigDir } from "@xlint/linter";
import { hostOsOf, readSystemHost, type SystemAccess } from "../src/host-system";

const root = mkdtempSync(path.join(tmpdir(), "xlint-sys-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const XL_INFO = "host                   : dom0\nrelease                : 6.1.0\nnr_cpus                : 16\nmax_cpu_id             : 15\nnr_nodes               : 2\ncores_per_socket       : 8\n";
const POOLS = "Name               CPUs   Sched     Active   Domain count\nPool-0              12    credit2       y          3\nweb                  4    credit        y          2\n";

function fakeRun(outputs: Record<string, string | undefined>): SystemAccess["run"] {
  return (command, args) => outputs[[command, ...args].join(" ")];
}

describe("readSystemHost", () => {
  it("reads Linux bridges from sysfs, and CPUs, nodes and pools from xl", () => {
    const net = path.join(root, "net");
    for (const dir of ["xenbr0/bridge", "br-dmz/bridge", "eth0", "lo", "vif1.0"]) mkdirSync(path.join(net, dir), { recursive: true });
    const { host, notes } = readSystemHost({ platform: "linux", sysClassNet: net, run: fakeRun({ "xl info": XL_INFO, "xl cpupool-list": POOLS }) });
    expect(host).toEqual({ os: "linux", bridges: ["br-dmz", "xenbr0"], cpus: 16, numaNodes: 2, cpupools: ["Pool-0", "web"] });
    expect(notes).toEqual([]);
  });

  it("says what it could not read, and leaves those facts unknown", () => {
    const { host, notes } = readSystemHost({ platform: "linux", sysClassNet: path.join(root, "nowhere"), run: fakeRun({}) });
    expect(host).toEqual({ os: "linux" });
    expect(notes).toEqual([expect.stringContaining("does not exist"), expect.stringContaining("`xl info` did not run")]);
  });

  it("reads NetBSD bridges from ifconfig -l", () => {
    const { host } = readSystemHost({ platform: "netbsd", sysClassNet: "", run: fakeRun({ "ifconfig -l": "wm0 lo0 bridge0 xvif1i0 bridge12\n" }) });
    expect(host.bridges).toEqual(["bridge0", "bridge12"]);
  });

  it("reads the arch from xl info's machine, else from the CPU Node runs on, else leaves it unknown", () => {
    const arch = (run: SystemAccess["run"], cpuArch?: string) =>
      readSystemHost({ platform: "linux", sysClassNet: path.join(root, "nowhere"), run, ...(cpuArch ? { cpuArch } : {}) }).host.arch;
    expect(arch(fakeRun({ "xl info": `${XL_INFO}machine                : aarch64\n` }), "x64")).toBe("arm");
    expect(arch(fakeRun({ "xl info": `${XL_INFO}machine                : x86_64\n` }))).toBe("x86");
    expect(arch(fakeRun({}), "arm64")).toBe("arm");
    expect(arch(fakeRun({}), "x64")).toBe("x86");
    expect(arch(fakeRun({}), "riscv64")).toBeUndefined();
    expect(arch(fakeRun({}))).toBeUndefined();
  });

  it("knows the dom0 OS, and finds xl.conf where that OS keeps it", () => {
    const xen = path.join(root, "usr-pkg-etc-xen");
    mkdirSync(xen, { recursive: true });
    writeFileSync(path.join(xen, "xl.conf"), 'vif.default.bridge = "bridge0"\n');
    const found = readSystemHost({ platform: "netbsd", sysClassNet: "", run: fakeRun({ "ifconfig -l": "wm0 bridge0\n" }), xenConfigDir: xen });
    expect(found.host.os).toBe("netbsd");
    expect(found.xlConf).toBe(path.join(xen, "xl.conf"));
    const none = readSystemHost({ platform: "freebsd", sysClassNet: path.join(root, "nowhere"), run: fakeRun({}), xenConfigDir: path.join(root, "no-xen") });
    expect(none.host.os).toBe("freebsd");
    expect(none.xlConf).toBeUndefined();
    expect(none.notes.join("\n")).not.toContain("xl.conf");
  });

  it("takes Xen's default config folders per OS", () => {
    expect(xenConfigDir("netbsd")).toBe("/usr/pkg/etc/xen");
    expect(xenConfigDir("freebsd")).toBe("/usr/local/etc/xen");
    expect(xenConfigDir("linux")).toBe("/etc/xen");
    expect(xenConfigDir(undefined)).toBe("/etc/xen");
    expect(hostOsOf("darwin")).toBeUndefined();
  });
});
