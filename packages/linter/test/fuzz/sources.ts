/**
 * What the fuzzer mutates, and the words it mutates with: the configs of
 * ../shared/corpus and test-corpus, every rule's documented examples (each
 * aims at one rule's code paths), and a dictionary drawn from all of them
 * (keys, whole strings, the comma-separated pieces of specs, numbers) plus
 * the tokens and bytes that trip lexers. Texts are "byte strings": one
 * character per byte (latin1), so invalid UTF-8 can be mixed in; a case is
 * decoded the way the CLI decodes a file.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { decodeFileBytes } from "@xlint/parser";
import { check, corpusConfigs, sharedCorpus, testCorpus, walkFiles } from "../../../parser/test/helpers";
import { allOptions, allRules, allXlConfOptions, type FileKind } from "../../src/index";
import type { Base } from "../fidelity/mutation";
import { readReferenceKeys } from "../fidelity/reference-keys";
import { settingsOf } from "../fidelity/xl-text";

export interface Source {
  readonly id: string;
  /** The file's bytes, one character each. */
  readonly bytes: string;
  readonly kind: FileKind;
}

export interface Dictionary {
  readonly keys: readonly string[];
  /** Whole string literals as written, quotes included. */
  readonly strings: readonly string[];
  /** Pieces of string values between commas (`bridge=xenbr0`, `phy:/dev/vg/x`), and hand-picked hard ones. */
  readonly fragments: readonly string[];
  readonly numbers: readonly string[];
  /** Punctuation, whitespace, escapes and odd bytes. */
  readonly lexical: readonly string[];
}

export interface FuzzPool {
  readonly sources: readonly Source[];
  /** Sources xlint accepts (no error), for the fidelity mutators, which start from accepted configs. */
  readonly bases: readonly Base[];
  /** The keys xl reads, for the fidelity mutators. */
  readonly referenceKeys: readonly string[];
  readonly dictionary: Dictionary;
}

/** UTF-8 bytes of a string, one character per byte. */
export const utf8Bytes = (text: string): string => Buffer.from(text, "utf8").toString("latin1");

const NUMBERS = [
  "0", "1", "2", "-1", "08", "010", "0x", "0x0", "0xffffffff", "0x7fffffff", "0x80000000", "2147483647", "2147483648",
  "4294967295", "4294967296", "9223372036854775807", "9223372036854775808", "18446744073709551616", "99999999999999999999999",
  "1e3", "1.5", "12abc", "0xg", "00", "0b1", "256", "1024", "65536", "1000000",
];

const LEXICAL = [
  "=", "+=", "[", "]", ",", ";", "#", "\n", "\r\n", "\r", " ", "\t", '"', "'", "\\", "\\\n", "[\n", ",\n", "\n]",
  "\\x41", "\\101", "\\0", "\\777", "\\n", "\\t", '\\"', "\\'", "\\u00e9", "\\\\", "\\e",
  "\xef\xbb\xbf", "\x00", "\x01", "\x7f", "\xff", "\xe9", "\xc3", "\x80", "\xed\xa0\x80",
  utf8Bytes("é"), utf8Bytes("€"), utf8Bytes("😀"), utf8Bytes("\u2028"), utf8Bytes("\uFEFF"), utf8Bytes("İ"),
  "{{ name }}", "@VAR@", "${x}", "import os", "if x:", "True", "None", "#!", "# xlint-disable-next-line", "# xlint-disable",
  "# xlint-disable-line unknown-key", "# xlint-enable", "# xlint-disable-next-line syntax",
];

/** Spec pieces that sit at the edges of the little languages inside strings. */
export const SPEC_FRAGMENTS = [
  "", " ", "=", ",", ":", "::", "@", "-", "^", "all", "none", "nodes:0", "node:1", "0-", "-3", "3-1", "0-1023", "^0-1",
  "vdev=xvda", "vdev=hda", "vdev=sdz99", "vdev=xvdzzzz", "vdev=d0p0", "vdev=4294967296", "target=", "target=/dev/x,y",
  "format=raw", "format=qcow2", "format=", "access=rw", "access=ro", "access=w!", "devtype=cdrom", "backendtype=qdisk",
  "backend=dom0", "script=", "script=block-iscsi", "discard", "no-discard", "direct-io-safe", "trusted", "cdrom",
  "phy:/dev/vg0/root", "file:/x.img", "tap:aio:/x.img", "tap2:tapdisk:vhd:/x", "iscsi:iqn.x", ":", "w!", "r", "xvda1",
  "mac=00:16:3e:00:00:01", "mac=ff:ff:ff:ff:ff:ff", "mac=00:16:3e", "bridge=xenbr0", "bridge=", "ip=10.0.0.1",
  "rate=10Mb/s@20ms", "rate=0B/s", "rate=4294967296GB/s@1us", "type=ioemu", "model=e1000", "vifname=x", "devid=-1",
  "mtu=70000", "0000:00:1f.3", "00:1f.3", "0000:00:1f.3@8", "0000:00:1f.3,permissive=1", "msitranslate=1", "seize=1",
  "rdm_policy=strict", "vslot=0x1f", "0x1000,1", "0xfffffffff,0x1", "0-0xffff", "1@2", "strategy=host,policy=relaxed",
  "pnode=0", "size=1024", "vcpus=0-1", "vdistances=10,20", "host,x2apic=0", "1:eax=xxxx0000", "vnc=1", "vncdisplay=99999",
  "backend-type=qemu", "uuid=00000000-0000-0000-0000-000000000000", "connection=socket", "path=/tmp/x", "name=x",
  "tag=share", "security_model=none", "type=pci", "version=2", "ports=4", "hostbus=1,hostaddr=2", "1024M", "4G", "0k",
  "9999999999999999999T", "root=/dev/xvda1 ro", "console=hvc0", "restart", "destroy", "preserve", "coredump-restart",
];

function sourceKind(file: string): FileKind {
  if (file.includes(`${path.sep}_global-xl-conf${path.sep}`)) return "xl-conf";
  if (file.includes(`${path.sep}_cpupool-conf${path.sep}`)) return "cpupool";
  return "domain";
}

function readSources(): Source[] {
  const files = [...corpusConfigs(), ...walkFiles(testCorpus, (f) => f.endsWith(".cfg"))];
  const out: Source[] = files.map((file) => ({
    id: path.relative(file.startsWith(sharedCorpus) ? path.dirname(sharedCorpus) : path.dirname(testCorpus), file),
    bytes: readFileSync(file).toString("latin1"),
    kind: sourceKind(file),
  }));
  for (const rule of allRules) {
    [...rule.docs.invalid, ...rule.docs.valid].forEach((example, i) => {
      out.push({ id: `rule ${rule.id} example ${i}`, bytes: utf8Bytes(example.config), kind: example.kind ?? "domain" });
    });
  }
  return out;
}

const STRING_LITERAL = /"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g;
const ASSIGNED_KEY = /^[ \t]*([a-z][a-z0-9_.]*)[ \t]*\+?=/gm;

function uniqueSorted(items: Iterable<string>, limit: number): string[] {
  return [...new Set(items)].sort().slice(0, limit);
}

function buildDictionary(sources: readonly Source[], referenceKeys: readonly string[]): Dictionary {
  const strings: string[] = [];
  const pieces: string[] = [];
  const seenKeys: string[] = [];
  for (const { bytes } of sources) {
    for (const m of bytes.matchAll(STRING_LITERAL)) {
      strings.push(m[0]);
      pieces.push(...m[0].slice(1, -1).split(","));
    }
    for (const m of bytes.matchAll(ASSIGNED_KEY)) seenKeys.push(m[1] as string);
  }
  const keys = [...referenceKeys, ...allOptions().map((o) => o.key), ...allXlConfOptions().map((o) => o.key), ...seenKeys];
  return {
    keys: uniqueSorted(keys, 5000),
    strings: uniqueSorted(strings, 20000),
    fragments: uniqueSorted([...SPEC_FRAGMENTS, ...pieces], 20000),
    numbers: NUMBERS,
    lexical: LEXICAL,
  };
}

export function loadPool(): FuzzPool {
  const sources = readSources();
  const reference = readReferenceKeys();
  const referenceKeys = "keys" in reference ? reference.keys : allOptions().map((o) => o.key);
  const bases: Base[] = [];
  for (const source of sources) {
    if (source.kind !== "domain") continue;
    const { text, encoding } = decodeFileBytes(Buffer.from(source.bytes, "latin1"));
    if (check(text, encoding).accepted) bases.push({ id: source.id, text, encoding, settings: settingsOf(text, encoding) });
  }
  return { sources, bases, referenceKeys, dictionary: buildDictionary(sources, referenceKeys) };
}
