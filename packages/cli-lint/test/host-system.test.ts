/** --host-from-system: the facts read from a (fake) Linux sysfs, `xl info`, `xl cpupool-list`, and NetBSD's ifconfig. */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readSystemHost, type SystemAccess } from "../src/host-system";

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
    expect(host).toEqual({ bridges: ["br-dmz", "xenbr0"], cpus: 16, numaNodes: 2, cpupools: ["Pool-0", "web"] });
    expect(notes).toEqual([]);
  });

  it("says what it could not read, and leaves those facts unknown", () => {
    const { host, notes } = readSystemHost({ platform: "linux", sysClassNet: path.join(root, "nowhere"), run: fakeRun({}) });
    expect(host).toEqual({});
    expect(notes).toEqual([expect.stringContaining("does not exist"), expect.stringContaining("`xl info` did not run")]);
  });

  it("reads NetBSD bridges from ifconfig -l", () => {
    const { host } = readSystemHost({ platform: "netbsd", sysClassNet: "", run: fakeRun({ "ifconfig -l": "wm0 lo0 bridge0 xvif1i0 bridge12\n" }) });
    expect(host.bridges).toEqual(["bridge0", "bridge12"]);
  });
});
