/**
 * The configuration of the server over a fake machine and real folders: the
 * dom0 probe, `hostFromSystem` off/auto/on and the refresh, the CLI's
 * precedence (machine < dom0 xl.conf < xlConf < host settings, all over
 * xlint.json), change events, and what the log says.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { SystemAccess } from "@xlint/files";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { probeDom0, type MachineAccess } from "../src/config/dom0-probe";
import { ServerConfiguration } from "../src/config/server-configuration";

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), "xlint-config-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function write(relative: string, text: string): string {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

/** A machine with `files` (path → text), bridges in a fake sysfs and answers to `xl`; counts how often it was read. */
function fakeMachine(platform: NodeJS.Platform, files: Record<string, string>, bridges: readonly string[] = ["xenbr0"]): MachineAccess & { reads: number } {
  const sysClassNet = path.join(root, "sys-class-net");
  mkdirSync(path.join(sysClassNet, "eth0"), { recursive: true });
  for (const bridge of bridges) mkdirSync(path.join(sysClassNet, bridge, "bridge"), { recursive: true });
  const xenConfigDir = path.join(root, "etc-xen");
  mkdirSync(xenConfigDir, { recursive: true });
  const machine = {
    platform,
    reads: 0,
    readText: (file: string) => files[file],
    exists: (file: string) => file in files,
    system: (): SystemAccess => {
      machine.reads++;
      return {
        platform,
        sysClassNet,
        xenConfigDir,
        cpuArch: "x64",
        run: (command, args) => (command === "xl" && args[0] === "info" ? "nr_cpus : 16\nnr_nodes : 2\nmachine : x86_64\n" : command === "xl" ? "Name CPUs Sched Active Domain count\nPool-0 16 credit y 3\n" : undefined),
      };
    },
  };
  return machine;
}

const DOM0 = { "/proc/xen/capabilities": "control_d\n" };

function configured(machine: MachineAccess, folders = [root]) {
  const log: string[] = [];
  const configuration = new ServerConfiguration({ workspaceFolders: folders, machine, log: { info: (m) => log.push(`info ${m}`), warn: (m) => log.push(`warn ${m}`) } });
  let changes = 0;
  configuration.onDidChange(() => changes++);
  return { configuration, log, changes: () => changes };
}

const uriOf = (relative: string) => pathToFileURL(path.join(root, relative)).href;

describe("probeDom0", () => {
  const machine = (platform: NodeJS.Platform, files: Record<string, string>) => fakeMachine(platform, files);
  it("Linux: control_d in /proc/xen/capabilities", () => {
    expect(probeDom0(machine("linux", DOM0))).toEqual({ dom0: true, evidence: "/proc/xen/capabilities says control_d" });
    expect(probeDom0(machine("linux", { "/proc/xen/capabilities": "" })).dom0).toBe(false);
    expect(probeDom0(machine("linux", {})).evidence).toMatch(/does not exist/);
  });

  it("NetBSD: /kern/xen/privcmd, which the kernel makes only in the privileged domain", () => {
    expect(probeDom0(machine("netbsd", { "/kern/xen/privcmd": "" })).dom0).toBe(true);
    expect(probeDom0(machine("netbsd", { "/kern/xen": "" })).dom0).toBe(false);
    // The Linux sign means nothing there.
    expect(probeDom0(machine("netbsd", DOM0)).dom0).toBe(false);
  });

  it("elsewhere: no sign known, so not a dom0", () => {
    expect(probeDom0(machine("freebsd", { ...DOM0, "/kern/xen/privcmd": "" }))).toEqual({ dom0: false, evidence: "xlint knows no sign of a dom0 on freebsd" });
  });
});

describe("hostFromSystem", () => {
  it('"auto" reads a dom0 once at start, and says what it read and from where', () => {
    const machine = fakeMachine("linux", DOM0, ["xenbr0", "br-dmz"]);
    const { configuration, log, changes } = configured(machine);
    configuration.setClientSection({});
    expect(machine.reads).toBe(0);
    configuration.start();
    configuration.start();
    expect(machine.reads).toBe(1);
    expect(changes()).toBe(1);
    const host = configuration.lintSettingsOf(uriOf("guest.cfg")).host;
    expect(host).toMatchObject({ bridges: ["br-dmz", "xenbr0"], cpus: 16, numaNodes: 2, cpupools: ["Pool-0"], arch: "x86", os: "linux" });
    expect(log).toHaveLength(1);
    expect(log[0]).toContain("a dom0: /proc/xen/capabilities says control_d");
    expect(log[0]).toContain(`bridges br-dmz, xenbr0 (${path.join(root, "sys-class-net")})`);
    expect(log[0]).toContain("cpus 16 (`xl info`)");
  });

  it("takes the first settings and the machine's facts as one change", () => {
    const machine = fakeMachine("linux", DOM0);
    const { configuration, changes } = configured(machine);
    configuration.start({ section: { rules: { "duplicate-key": "off" } } });
    expect(changes()).toBe(1);
    const settings = configuration.lintSettingsOf(uriOf("g.cfg"));
    expect(settings.severities?.get("duplicate-key")).toBe("off");
    expect(settings.host?.bridges).toEqual(["xenbr0"]);
  });

  it('"auto" leaves a machine that is not a dom0 alone; "on" reads it anyway; "off" forgets it', () => {
    const machine = fakeMachine("linux", {});
    const { configuration, log } = configured(machine);
    configuration.start();
    expect(machine.reads).toBe(0);
    expect(configuration.lintSettingsOf(uriOf("g.cfg")).host?.bridges).toBeUndefined();
    expect(log).toEqual([expect.stringMatching(/^info xlint: hostFromSystem "auto": not a dom0 \(\/proc\/xen\/capabilities does not exist/)]);
    configuration.setClientSection({ hostFromSystem: "on" });
    expect(machine.reads).toBe(1);
    expect(configuration.lintSettingsOf(uriOf("g.cfg")).host?.bridges).toEqual(["xenbr0"]);
    configuration.setClientSection({ hostFromSystem: "off" });
    expect(configuration.lintSettingsOf(uriOf("g.cfg")).host?.bridges).toBeUndefined();
  });

  it("reads again on refresh, and reports what it could not read in one line", () => {
    const machine = fakeMachine("linux", DOM0);
    const { configuration, log } = configured(machine);
    configuration.start();
    mkdirSync(path.join(root, "sys-class-net", "br-new", "bridge"), { recursive: true });
    const read = configuration.refreshHostFacts();
    expect(machine.reads).toBe(2);
    expect(read?.system?.host.bridges).toEqual(["br-new", "xenbr0"]);
    expect(configuration.lintSettingsOf(uriOf("g.cfg")).host?.bridges).toEqual(["br-new", "xenbr0"]);

    const broken = fakeMachine("linux", DOM0);
    const brokenSystem = broken.system;
    const noXl: MachineAccess = { ...broken, system: () => ({ ...brokenSystem(), run: () => undefined, sysClassNet: path.join(root, "nowhere") }) };
    const second = configured(noXl);
    second.configuration.start();
    const failures = second.log.filter((l) => l.startsWith("warn"));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(/^warn xlint: host facts not read: .*nowhere does not exist.*; `xl info` did not run/);
    expect(log.filter((l) => l.startsWith("warn"))).toEqual([]);
  });
});

describe("precedence, as the CLI's flags over xlint.json", () => {
  it("client settings win over xlint.json, rule by rule and host field by host field", () => {
    write("xlint.json", JSON.stringify({ rules: { "duplicate-key": "off", "unknown-key": "info" }, host: { bridges: ["xenbr0"], cpus: 4 }, guests: [{ files: ["netbsd/**"], os: "netbsd" }] }));
    const { configuration } = configured(fakeMachine("linux", {}));
    configuration.setClientSection({ rules: { "unknown-key": "error" }, host: { bridges: ["br1"] }, hostFromSystem: "off" });
    const settings = configuration.lintSettingsOf(uriOf("netbsd/guest.cfg"));
    expect(settings.severities?.get("duplicate-key")).toBe("off");
    expect(settings.severities?.get("unknown-key")).toBe("error");
    expect(settings.host).toMatchObject({ bridges: ["br1"], cpus: 4 });
    expect(settings.guestOs?.os).toBe("netbsd");
  });

  it("machine < the dom0's xl.conf < xlConf < host settings", () => {
    write("etc-xen/xl.conf", 'vif.default.bridge = "br-system"\nvif.default.script = "vif-system"\n');
    write("mine/xl.conf", 'vif.default.bridge = "br-mine"\n');
    const machine = fakeMachine("linux", DOM0);
    const { configuration, log } = configured(machine);
    configuration.start();
    const host = () => configuration.lintSettingsOf(uriOf("g.cfg")).host;
    expect(host()).toMatchObject({ defaultBridge: "br-system", defaultVifScript: "vif-system", bridges: ["xenbr0"] });
    expect(log).toContain(`info xlint: the dom0's xl.conf ${path.join(root, "etc-xen", "xl.conf")}: defaultBridge br-system, defaultVifScript vif-system`);
    // Named xl.conf (relative to the first folder): the dom0's is not read, as with --xl-conf.
    configuration.setClientSection({ xlConf: "mine/xl.conf" });
    expect(host()).toMatchObject({ defaultBridge: "br-mine", bridges: ["xenbr0"] });
    expect(host()?.defaultVifScript).toBeUndefined();
    configuration.setClientSection({ xlConf: "mine/xl.conf", host: { defaultBridge: "br-stated", bridges: [] } });
    expect(host()).toMatchObject({ defaultBridge: "br-stated", bridges: [] });
  });

  it("finds a relative xlConf in the first workspace folder, as folders come and go", () => {
    write("a/xl.conf", 'vif.default.bridge = "br-a"\n');
    write("b/xl.conf", 'vif.default.bridge = "br-b"\n');
    const { configuration, changes } = configured(fakeMachine("linux", {}), [path.join(root, "a")]);
    configuration.setClientSection({ xlConf: "xl.conf", hostFromSystem: "off" });
    expect(configuration.lintSettingsOf(uriOf("a/g.cfg")).host?.defaultBridge).toBe("br-a");
    configuration.setWorkspaceFolders([path.join(root, "b")]);
    expect(configuration.lintSettingsOf(uriOf("a/g.cfg")).host?.defaultBridge).toBe("br-b");
    expect(changes()).toBe(2);
  });

  it("an xl.conf that cannot be read is one line in the log, and the rest applies", () => {
    const { configuration, log } = configured(fakeMachine("linux", {}));
    configuration.setClientSection({ xlConf: "/nonexistent/xl.conf", host: { bridges: ["xenbr0"] }, hostFromSystem: "off" });
    expect(configuration.lintSettingsOf(uriOf("g.cfg")).host?.bridges).toEqual(["xenbr0"]);
    expect(log.filter((l) => l.startsWith("warn"))).toEqual([expect.stringMatching(/^warn xlint: xlint\.xlConf: \/nonexistent\/xl\.conf: .*; its vif defaults are not used$/)]);
  });

  it("an untitled document is configured as a file of the first folder; with no folder, by the settings alone", () => {
    write("xlint.json", JSON.stringify({ rules: { "duplicate-key": "off" } }));
    const withFolder = configured(fakeMachine("linux", {}));
    expect(withFolder.configuration.lintSettingsOf("untitled:Untitled-1").severities?.get("duplicate-key")).toBe("off");
    const noFolder = configured(fakeMachine("linux", {}), []);
    noFolder.configuration.setClientSection({ rules: { "unknown-key": "off" } });
    const alone = noFolder.configuration.lintSettingsOf("untitled:Untitled-1");
    expect(alone.severities?.get("duplicate-key")).toBeUndefined();
    expect(alone.severities?.get("unknown-key")).toBe("off");
    expect(alone.host?.xenVersion).toBe("4.17");
  });
});

describe("changes", () => {
  it("a new resolver and one event when the settings change, none when they do not; reload always", () => {
    const { configuration, changes } = configured(fakeMachine("linux", {}));
    const first = configuration.resolver();
    configuration.setClientSection({ rules: { "duplicate-key": "off" } });
    expect(changes()).toBe(1);
    const second = configuration.resolver();
    expect(second).not.toBe(first);
    configuration.setClientSection({ rules: { "duplicate-key": "off" }, trace: { server: "off" } });
    expect(changes()).toBe(1);
    expect(configuration.resolver()).toBe(second);
    configuration.reload();
    expect(changes()).toBe(2);
    expect(configuration.resolver()).not.toBe(second);
  });

  it("reload reads an edited xlint.json; the resolver alone keeps what it read", () => {
    write("xlint.json", JSON.stringify({ rules: { "duplicate-key": "off" } }));
    const { configuration } = configured(fakeMachine("linux", {}));
    const severity = () => configuration.lintSettingsOf(uriOf("g.cfg")).severities?.get("duplicate-key");
    expect(severity()).toBe("off");
    write("xlint.json", JSON.stringify({ rules: { "duplicate-key": "info" } }));
    expect(severity()).toBe("off");
    configuration.reload();
    expect(severity()).toBe("info");
  });

  it("logs a wrong setting once, however often the settings come", () => {
    const { configuration, log } = configured(fakeMachine("linux", {}));
    for (let i = 0; i < 3; i++) configuration.setClientSection({ rules: { "no-such-rule": "off", "duplicate-key": i % 2 === 0 ? "off" : "info" } });
    expect(log.filter((l) => l.includes("no-such-rule"))).toHaveLength(1);
  });

  it("logs the problems of an xlint.json once per resolver", () => {
    write("xlint.json", '{ "rules": { "no-such-rule": "off" } }');
    const { configuration, log } = configured(fakeMachine("linux", {}));
    configuration.lintSettingsOf(uriOf("a.cfg"));
    configuration.lintSettingsOf(uriOf("b.cfg"));
    expect(log).toEqual([`warn xlint: ${path.join(root, "xlint.json")}:1:14: unknown rule "no-such-rule"; \`xlint rules\` lists them`]);
  });
});
