/**
 * Telling xl config files from everything else that lives next to them
 * (/etc/xen holds hotplug scripts, oxenstored.conf, READMEs, old Python xm
 * configs), so that a directory can be linted without naming every file.
 */
import { parse } from "@xlint/parser";
import { optionByKey, xlConfOptionByKey } from "../catalog";
import { CPUPOOL_KEYS } from "../catalog/cpupool-options";
import type { FileKind } from "./types";

/** Extensions that name a domain config on their own: xl's examples, xen-tools, distributions. */
const DOMAIN_EXTENSIONS: ReadonlySet<string> = new Set(["cfg", "xl", "xm", "hvm", "pv", "pvh", "pvlinux", "pvhlinux"]);

/** Extensions of things that are never xl configs, whatever they hold: scripts, data formats, docs, templates. */
const OTHER_EXTENSIONS: ReadonlySet<string> = new Set([
  ...["sh", "bash", "zsh", "py", "pyc", "pl", "pm", "rb", "js", "cjs", "mjs", "jsx", "ts", "cts", "mts", "tsx", "map", "lua", "awk", "sed"],
  ...["json", "yaml", "yml", "toml", "xml", "sxp", "ini", "csv"],
  ...["md", "rst", "txt", "html", "pdf", "1", "5", "8", "gz", "xz", "bz2", "zst", "tar", "zip", "deb", "rpm"],
  ...["img", "raw", "qcow", "qcow2", "vhd", "iso", "so", "o", "a", "pem", "key", "crt"],
  // Templates are not configs until rendered: their placeholders are not xl syntax.
  ...["erb", "tmpl", "tpl", "template", "in", "j2", "jinja", "jinja2", "mustache", "hbs", "ejs", "liquid"],
]);

/**
 * Keys that show a file is a domain config: one of them in an otherwise
 * readable file is enough. Shared keys (`name`, `cpus`) are not evidence.
 */
const DOMAIN_EVIDENCE: ReadonlySet<string> = new Set([
  ...["memory", "maxmem", "kernel", "ramdisk", "bootloader", "type", "builder", "vcpus", "maxvcpus"],
  ...["disk", "vif", "pci", "vfb", "extra", "root", "cmdline", "uuid", "firmware", "boot"],
  ...["on_poweroff", "on_reboot", "on_crash", "device_model_version", "serial", "vnc", "sdl", "hap", "acpi"],
]);

/** Keys only a cpupool file has: with only pool keys besides, the file is a pool. */
const CPUPOOL_ONLY_KEYS: ReadonlySet<string> = new Set(["sched", "nodes"]);

interface KeyProfile {
  /** Statements of any sort; zero for an empty or comment-only file. */
  readonly statements: number;
  /** Statements without any syntax error. */
  readonly clean: number;
  /** Keys of every assignment whose key libxlu accepts. */
  readonly keys: ReadonlySet<string>;
}

/**
 * What kind of xl file `text` is, or undefined when it is not one at all.
 * `fileName` may be a bare name or a path; only its last part counts.
 *
 * The heuristic, in order:
 * 1. Not a config: NUL bytes or many control characters (binary), a `#!`
 *    first line (a script), an extension of scripts, data formats, docs or
 *    templates (`.sh`, `.py`, `.json`, `.md`, `.erb`, `.in`, …).
 * 2. A name `xl.conf` (or a backup of it: `xl.conf.bak`, `xl.conf~`) is
 *    xl.conf, even when every line is commented out, as shipped.
 * 3. Not a config: a JSON document, or no statement at all (empty, or only
 *    comments); under a name that is not a domain config's (step 6), also
 *    Python code (`import x`, `from x import y`, `def f(`, `class C:` at the
 *    start of a line). An xm config named `.cfg` that runs Python is linted:
 *    xl refuses it, and that is worth reporting.
 * 4. A cpupool file: every key it sets that xl knows belongs to cpupools
 *    (`name`, `sched`, `cpus`, `nodes`), and it sets `sched` or `nodes`, or
 *    its name mentions "pool" (a pool file may hold just `name`).
 * 5. An xl.conf under another name: it sets a key only xl.conf has
 *    (`autoballoon`, `vif.default.bridge`, …) and no domain or pool key.
 * 6. A domain config: a domain extension (`.cfg`, `.xl`, `.xm`, `.hvm`,
 *    `.pv`, `.pvh`, `.pvlinux`, `.pvhlinux`) with a domain key (so a broken
 *    config is still reported), or read by xl without an error and setting
 *    a key xl knows (while an INI `setup.cfg` or Java's `nss.cfg` is not);
 *    any other name (no extension, `.conf`,
 *    `.config`, `.vmx`, …) needs a key that only domain configs have
 *    (`memory`, `kernel`, `disk`, `vif`, `type`, …) and at least as many
 *    statements without syntax errors as with them, so that one typo does
 *    not hide a config while shell and other `key = value` files
 *    (oxenstored.conf, /etc/default/xendomains) stay out.
 */
export function detectConfigKind(fileName: string, text: string): FileKind | undefined {
  return classifyConfigFile(fileName, text).kind;
}

/** What `detectConfigKind` decides, with the reason when the file is not an xl config (for `xlint --verbose`). */
export type ConfigClassification = { readonly kind: FileKind } | { readonly kind: undefined; readonly reason: string };

export function classifyConfigFile(fileName: string, text: string): ConfigClassification {
  const base = baseName(fileName);
  const extension = extensionOf(base);
  const not = (reason: string): ConfigClassification => ({ kind: undefined, reason });
  if (looksBinary(text)) return not("binary data");
  if (/^\uFEFF?#!/.test(text)) return not("a script (it starts with #!)");
  if (extension !== undefined && OTHER_EXTENSIONS.has(extension)) return not(`a .${extension} file, never an xl config`);
  if (/^xl\.conf(?:$|[.~])/.test(base)) return { kind: "xl-conf" };
  // A file named like a domain config is one, even an xm config that runs Python:
  // xl would refuse it, and saying so is the point of linting it.
  const domainName = extension !== undefined && DOMAIN_EXTENSIONS.has(extension);
  if (/^\uFEFF?\s*[{[]/.test(text)) return not("a JSON document");
  if (!domainName && looksLikePythonCode(text)) return not("Python code");
  // The common case without a parse: a domain-config name and a domain key at the start of a line.
  // Such a file can be nothing else (rules 4 and 5 need files without domain keys).
  if (domainName && hasDomainKeyLine(text)) return { kind: "domain" };
  const profile = profileOf(text);
  if (profile.statements === 0) return not("no settings (empty, or only comments)");
  const hostFile = hostFileKind(profile.keys, base);
  if (hostFile) return { kind: hostFile };
  const evidence = [...profile.keys].some((k) => DOMAIN_EVIDENCE.has(k));
  // `.cfg` is common outside Xen too (setup.cfg is INI, Java's nss.cfg has `name = NSS`): without a
  // domain key, a domain name needs a file xl reads without an error that sets a key xl knows.
  if (domainName) {
    if (evidence) return { kind: "domain" };
    if (profile.clean !== profile.statements) return not(`no key only domain configs have, and xl cannot read ${plural(profile.statements - profile.clean, "statement")} of it`);
    return [...profile.keys].some((k) => optionByKey(k) !== undefined) ? { kind: "domain" } : not("it sets no key xl knows");
  }
  if (!evidence) return not("no key only domain configs have (memory, kernel, disk, vif, type, …)");
  return profile.clean * 2 >= profile.statements ? { kind: "domain" } : not("more statements xl cannot read than statements it can");
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function baseName(fileName: string): string {
  const parts = fileName.split(/[/\\]/);
  return parts[parts.length - 1] ?? fileName;
}

/** The text after the last dot, lower-cased; undefined without one (a leading dot is a hidden file, not an extension). */
function extensionOf(base: string): string | undefined {
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : undefined;
}

/** Control characters that no text config holds; a few in a config are mistakes, many mean binary data. */
const CONTROL = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/g;

function looksBinary(text: string): boolean {
  if (text.includes("\u0000")) return true;
  const sample = text.slice(0, 8192);
  const controls = sample.match(CONTROL)?.length ?? 0;
  return controls > 8 && controls * 20 > sample.length;
}

const PYTHON_CODE = /^[ \t]*(?:import[ \t]+[A-Za-z_]|from[ \t]+[\w.]+[ \t]+import[ \t]|def[ \t]+\w+[ \t]*\(|class[ \t]+\w+[ \t]*[(:])/m;

function looksLikePythonCode(text: string): boolean {
  return PYTHON_CODE.test(text);
}

const KEY_AT_LINE_START = /^[ \t]*([a-z][._0-9a-z]*)[ \t]*\+?=/gm;

function hasDomainKeyLine(text: string): boolean {
  for (const match of text.matchAll(KEY_AT_LINE_START)) if (DOMAIN_EVIDENCE.has(match[1] as string)) return true;
  return false;
}

function profileOf(text: string): KeyProfile {
  const { file } = parse(text);
  const keys = new Set<string>();
  let clean = 0;
  for (const statement of file.statements) {
    if (statement.kind !== "assignment") continue;
    if (statement.key.valid) keys.add(statement.key.name);
    if (statement.key.valid && !statement.hasError) clean++;
  }
  return { statements: file.statements.length, clean, keys };
}

/** Rules 4 and 5: a cpupool file or an xl.conf told by its keys, or undefined. */
function hostFileKind(keys: ReadonlySet<string>, base: string): FileKind | undefined {
  let domain = 0;
  let xlConfOnly = 0;
  let poolOnly = 0;
  let pool = 0;
  for (const key of keys) {
    if (CPUPOOL_KEYS.has(key)) pool++;
    if (CPUPOOL_ONLY_KEYS.has(key)) poolOnly++;
    const xlConf = xlConfOptionByKey(key);
    if (xlConf && !xlConf.alsoDomainKey) xlConfOnly++;
    // `name` and `cpus` are pool keys too; keys of both files (max_grant_frames) decide nothing.
    else if (optionByKey(key) && !CPUPOOL_KEYS.has(key) && !xlConf) domain++;
  }
  if (domain > 0) return undefined;
  if (pool > 0 && xlConfOnly === 0 && (poolOnly > 0 || /pool/i.test(base))) return "cpupool";
  if (xlConfOnly > 0 && pool === 0) return "xl-conf";
  return undefined;
}
