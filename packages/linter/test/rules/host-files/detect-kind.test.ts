/**
 * detectConfigKind on every file of ../shared/corpus (skipped when absent)
 * and on things that live next to xl configs but are not configs.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decodeFileBytes } from "@xlint/parser";
import { detectConfigKind } from "../../../src/index";
import { sharedCorpus } from "../../../../parser/test/helpers";

interface CorpusFile {
  readonly path: string;
  /** The original file name: the corpus marks older versions with `@<ref>`, which is not part of it. */
  readonly name: string;
  readonly dialect: string;
  readonly text: string;
}

function corpusFiles(): CorpusFile[] {
  let table: string;
  try {
    table = readFileSync(path.join(sharedCorpus, "PROVENANCE.tsv"), "utf8");
  } catch {
    return [];
  }
  return table
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => {
      const [file = "", , , , , dialect = ""] = line.split("\t");
      const text = decodeFileBytes(readFileSync(path.join(sharedCorpus, file))).text;
      return { path: file, name: file.replace(/@[^/]*$/, ""), dialect, text };
    });
}

const corpus = corpusFiles();
const kindOf = (f: CorpusFile) => detectConfigKind(f.name, f.text);
const isPoolFile = (f: CorpusFile) => f.path.startsWith("_cpupool-conf/");
const isXlConfFile = (f: CorpusFile) => f.path.startsWith("_global-xl-conf/");
/** Lines only a Python program has; xl's grammar has no statement that starts this way. */
const PYTHON_LINE = /^\s*(import\s+\w|from\s+[\w.]+\s+import\s|def\s+\w+\s*\()/m;

describe.skipIf(corpus.length === 0)("detectConfigKind on the shared corpus", () => {
  it("recognises every cpupool file as a cpupool", () => {
    const pools = corpus.filter(isPoolFile);
    expect(pools.length).toBeGreaterThan(0);
    expect(pools.filter((f) => kindOf(f) !== "cpupool").map((f) => f.path)).toEqual([]);
  });

  it("recognises every xl.conf as xl.conf, but not a template of one", () => {
    const confs = corpus.filter((f) => isXlConfFile(f) && f.dialect !== "template");
    expect(confs.length).toBeGreaterThan(0);
    expect(confs.filter((f) => kindOf(f) !== "xl-conf").map((f) => f.path)).toEqual([]);
    expect(corpus.filter((f) => isXlConfFile(f) && f.dialect === "template").map(kindOf)).toEqual([undefined]);
  });

  it("recognises every xl domain config as a domain config", () => {
    const domains = corpus.filter((f) => f.dialect === "xl" && !isPoolFile(f) && !isXlConfFile(f));
    expect(domains.length).toBeGreaterThan(100);
    expect(domains.filter((f) => kindOf(f) !== "domain").map((f) => f.path)).toEqual([]);
  });

  it("takes an xm config for a domain config when its name says so, or unless it is a Python program", () => {
    const xm = corpus.filter((f) => f.dialect === "xm-python");
    const domainName = (f: { name: string }): boolean => /\.(cfg|xl|xm|hvm|pv|pvh|pvlinux|pvhlinux)$/i.test(f.name);
    const misjudged = xm.filter((f) => kindOf(f) !== (domainName(f) || !PYTHON_LINE.test(f.text) ? "domain" : undefined));
    expect(misjudged.map((f) => `${f.path}: ${kindOf(f)}`)).toEqual([]);
  });

  it("never takes a domain config or a template for xl.conf or a cpupool", () => {
    const others = corpus.filter((f) => !isPoolFile(f) && !isXlConfFile(f));
    expect(others.filter((f) => kindOf(f) === "xl-conf" || kindOf(f) === "cpupool").map((f) => f.path)).toEqual([]);
  });

  it("leaves out templates by their extension", () => {
    const templates = corpus.filter((f) => f.dialect === "template" && /\.(in|tmpl|erb)$/.test(f.name));
    expect(templates.length).toBeGreaterThan(0);
    expect(templates.filter((f) => kindOf(f) !== undefined).map((f) => f.path)).toEqual([]);
  });
});

describe("detectConfigKind by name and content", () => {
  const domain = 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 2048\nvif = [ "bridge=br0" ]\n';

  it("takes the usual domain extensions on their name, even when broken or odd", () => {
    for (const name of ["web01.cfg", "/etc/xen/db.xl", "old.xm", "xlexample.hvm", "xlexample.pvlinux", "a.pvh"]) {
      expect(detectConfigKind(name, domain), name).toBe("domain");
    }
    expect(detectConfigKind("web01.cfg", "memory = 512M\nname = web01\n")).toBe("domain");
    expect(detectConfigKind("storage.cfg", 'name = "storage"\n')).toBe("domain");
  });

  it("takes an extensionless file for a domain config by its keys", () => {
    expect(detectConfigKind("/etc/xen/web01", domain)).toBe("domain");
    expect(detectConfigKind("/etc/xen/auto/db01", 'name = "db01"\nmemory = 4096\nvcpus = 4\n')).toBe("domain");
    expect(detectConfigKind("web01.conf", domain)).toBe("domain");
    expect(detectConfigKind("C:\\xen\\web01", domain)).toBe("domain");
  });

  it("keeps a domain config with a typo or two", () => {
    expect(detectConfigKind("web01", 'name = "web01"\nmemory = 2G\nvcpus = 2\nkernel = "/boot/vmlinuz"\n')).toBe("domain");
  });

  it("does not take other key = value files for domain configs", () => {
    const oxenstored = "pid-file = /var/run/xen/xenstored.pid\nquota-activate = true\nquota-maxentity = 1000\n";
    expect(detectConfigKind("/etc/xen/oxenstored.conf", oxenstored)).toBeUndefined();
    const defaults = 'XENDOMAINS_SAVE=/var/lib/xen/save\nXENDOMAINS_AUTO=/etc/xen/auto\nXENDOMAINS_RESTORE=true\n';
    expect(detectConfigKind("/etc/default/xendomains", defaults)).toBeUndefined();
    // A file with a `name` and little else is no evidence of a guest.
    expect(detectConfigKind("settings", 'name = "x"\ncolour = "blue"\n')).toBeUndefined();
  });

  it("leaves out scripts: a shebang, or shell code without one", () => {
    const script = '#!/bin/bash\ndir=$(dirname "$0")\n. "$dir/vif-common.sh"\nname = "web01"\nmemory = 1\n';
    expect(detectConfigKind("/etc/xen/scripts/vif-bridge", script)).toBeUndefined();
    expect(detectConfigKind("hook.cfg", "#!/bin/sh\nexit 0\n")).toBeUndefined();
    const sourced = 'dir=$(dirname "$0")\nmemory=$1\nif [ -n "$memory" ]; then\n  echo "$memory"\nfi\n';
    expect(detectConfigKind("/etc/xen/scripts/locking", sourced)).toBeUndefined();
    expect(detectConfigKind("/etc/xen/scripts/block-common.sh", domain)).toBeUndefined();
  });

  it("leaves out Python programs, xm configs that run code included", () => {
    const xm = 'import os, re\narch = os.uname()[4]\nname = "web01"\nmemory = 512\n';
    expect(detectConfigKind("xmexample", xm)).toBeUndefined();
    // Named like a domain config, it is linted, so that xl's refusal is reported.
    expect(detectConfigKind("xmexample.hvm", xm)).toBe("domain");
    expect(detectConfigKind("web01", 'def disk(n):\n    return "phy:/dev/vg/" + n\nname = "web01"\n')).toBeUndefined();
    expect(detectConfigKind("tool.py", 'name = "web01"\n')).toBeUndefined();
  });

  it("leaves out JavaScript and TypeScript, bundles included (a bundle quotes configs in its strings)", () => {
    const bundle = 'var t=1;\nname = "web01"\nmemory = 512\nvif = [ "bridge=xenbr0" ]\n';
    for (const name of ["server.js", "xl-language-server.cjs", "tool.mjs", "a.ts", "b.mts", "c.tsx", "server.cjs.map"]) expect(detectConfigKind(name, bundle), name).toBeUndefined();
    expect(detectConfigKind("web01", bundle)).toBe("domain");
  });

  it("leaves out binary data, JSON, docs and empty files", () => {
    const binary = String.fromCharCode(...Array.from({ length: 512 }, (_, i) => (i * 37) % 256));
    expect(detectConfigKind("vmlinuz", binary)).toBeUndefined();
    const latin1Binary = String.fromCharCode(...Array.from({ length: 512 }, (_, i) => 1 + ((i * 53) % 254)));
    expect(latin1Binary.includes("\u0000")).toBe(false);
    expect(detectConfigKind("initrd", latin1Binary)).toBeUndefined();
    expect(detectConfigKind("web01.cfg", 'name = "web01"\u0000\n')).toBeUndefined();
    expect(detectConfigKind("web01.cfg", '{ "name": "web01", "memory": 512 }\n')).toBeUndefined();
    expect(detectConfigKind("README", "Guest configs live here.\nRun xl create NAME.cfg to start one.\n")).toBeUndefined();
    expect(detectConfigKind("README.md", "name = web\n")).toBeUndefined();
    expect(detectConfigKind("empty.cfg", "")).toBeUndefined();
    expect(detectConfigKind("notes.cfg", "# nothing here yet\n\n")).toBeUndefined();
    expect(detectConfigKind("setup.cfg", "[metadata]\nname = xlint\nversion = 1.0\n\n[options]\npackages = find:\n")).toBeUndefined();
    expect(detectConfigKind("nss.cfg", "name = NSS\nnssDbMode = noDb\nattributes = compatibility\n")).toBeUndefined();
  });

  it("takes xl.conf by its name, commented out or not, and by its keys", () => {
    expect(detectConfigKind("/etc/xen/xl.conf", "#autoballoon=\"auto\"\n#lockfile=\"/var/lock/xl\"\n")).toBe("xl-conf");
    expect(detectConfigKind("xl.conf.bak", 'autoballoon = "off"\n')).toBe("xl-conf");
    expect(detectConfigKind("xl.conf", "autoballon = 1\n")).toBe("xl-conf");
    expect(detectConfigKind("host.cfg", 'autoballoon = "off"\nvif.default.bridge = "br0"\n')).toBe("xl-conf");
    // A domain config that strays into xl.conf keys is still a domain config.
    expect(detectConfigKind("web01.cfg", `${domain}vif.default.bridge = "br0"\n`)).toBe("domain");
    expect(detectConfigKind("xl.conf.erb", 'vif.default.script="vif-<%= @networking %>"\n')).toBeUndefined();
  });

  it("takes a cpupool file by its keys, or by a pool name when it sets only `name`", () => {
    expect(detectConfigKind("/etc/xen/db-pool", 'name = "db"\nsched = "credit2"\ncpus = [ "2", "3" ]\n')).toBe("cpupool");
    expect(detectConfigKind("numa1.cfg", 'name = "numa1"\nnodes = [ "1" ]\n')).toBe("cpupool");
    expect(detectConfigKind("pool1.cfg", 'name = "Pool-1"\n')).toBe("cpupool");
    expect(detectConfigKind("web01.cfg", 'name = "web01"\ncpus = "2-3"\n')).toBe("domain");
    expect(detectConfigKind("web01.cfg", 'name = "web01"\nsched = "credit"\nmemory = 512\n')).toBe("domain");
  });
});
