import type { Span } from "@xlint/parser";
import type { FileRule, TextEdit } from "../../engine/types";
import { vifEntries, vifRange, type VifEntry } from "../util/net-vifs";
import { problemsOf, recognisedItem, vifEdit } from "../util/net-spec";

const base = 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 512\n';

interface Finding {
  readonly blanks: Span[];
  readonly message: string;
  readonly help: string;
  readonly title: string;
}

/** The blank runs at the start and the end of a span of the spec. */
function blankEnds(text: string, span: Span): Span[] {
  const value = text.slice(span.start, span.end);
  const lead = /^[ \t]*/.exec(value)?.[0].length ?? 0;
  if (lead === value.length) return value.length === 0 ? [] : [span];
  const trail = /[ \t]*$/.exec(value)?.[0].length ?? 0;
  const out: Span[] = [];
  if (lead > 0) out.push({ start: span.start, end: span.start + lead });
  if (trail > 0) out.push({ start: span.end - trail, end: span.end });
  return out;
}

/** What a value with blanks does, by key. */
function consequence(key: string, trimmed: string): string {
  if (key === "bridge") return `the hotplug script is handed that name, and a script that quotes it finds no bridge \`${trimmed}\``;
  if (key === "vifname") return "the backend interface is to be renamed to a name with a blank, which the hotplug script usually cannot do";
  if (key === "script") return "libxl looks for a script file whose name has the blank, and does not find it";
  return "whatever reads the value gets the blank too";
}

/** Blanks xl keeps inside values, and items that blanks hide from xl. */
function findingsOf(entry: VifEntry): Finding[] {
  const text = entry.spec.text;
  const out: Finding[] = [];
  for (const problem of problemsOf(entry, ["value-spaces"])) {
    const token = entry.vif.tokens.find((t) => t.value && t.value.span.start === problem.span.start && t.value.span.end === problem.span.end);
    const key = token?.key ?? "value";
    const value = text.slice(problem.span.start, problem.span.end);
    const blanks = blankEnds(text, problem.span);
    out.push({
      blanks,
      message: `The ${key} \`${value}\` has blanks around it, and xl keeps them as part of the value`,
      help: `xl strips only spaces before the key: ${consequence(key, value.trim())}. Remove the blanks.`,
      title: `Remove the blanks around the ${key}`,
    });
  }
  for (const token of entry.vif.tokens) {
    if (token.key !== undefined) continue;
    // The item as xl saw it, from just after the comma (xl has already skipped the spaces there).
    let start = token.span.start;
    while (start > 0 && text[start - 1] === " ") start--;
    const core = token.text.trim();
    if (core === "") {
      out.push({
        blanks: [{ start, end: token.span.end }],
        message: "This vif has an item of only blanks between two commas",
        help: 'xl prints "unrecognized argument" for it. Remove it.',
        title: "Remove the blank item",
      });
      continue;
    }
    if (!recognisedItem(core)) continue;
    const blanks = blankEnds(text, token.span);
    const leading = /^[ \t]/.test(token.text);
    out.push({
      blanks,
      ...(leading
        ? {
            message: `\`${token.text}\` starts with a tab, so xl does not recognise \`${core}\``,
            help: 'xl strips only spaces, so it prints "unrecognized argument" and ignores the setting. Remove the tab.',
          }
        : {
            message: `\`${token.text}\` has blanks after the word, so xl does not recognise \`${core}\``,
            help: 'xl prints "unrecognized argument" and ignores it. Remove the blanks.',
          }),
      title: `Write \`${core}\``,
    });
  }
  return out;
}

/** Blanks in a vif spec that xl keeps in a value, or that hide an item from xl. */
export const vifWhitespace: FileRule = {
  id: "vif-whitespace",
  scope: "file",
  severity: "warning",
  category: "suspicious",
  fixable: "unsafe",
  summary: "Blanks in a vif spec that xl keeps in a value (`bridge=xenbr0 `) or that hide an item from it (a leading tab, `trusted `)",
  docs: {
    description: [
      "xl skips the spaces after each comma of a vif spec, and nothing else. A blank before a comma stays in",
      "the value: `bridge=xenbr0 ,mac=…` names the bridge `xenbr0 ` (with the space), which is what the",
      "hotplug script receives. A tab before an item, or a blank after `trusted`, makes the whole item",
      "unrecognisable, so xl prints \"unrecognized argument\" and ignores it; an item of only blanks",
      "(`a, ,b`) gets the same message.",
      "",
      "Write the spec without blanks before commas; spaces after a comma are fine. The fix removes the",
      "blanks; it is unsafe, as the value xl passes on changes or an ignored item starts to count.",
      "(Blanks around `=` are reported by `vif-unknown-key`; in `rate=`, `devid=` and `mtu=` they are",
      "errors or harmless, and reported by those rules.)",
    ].join("\n"),
    invalid: [
      { config: `${base}vif = [ "bridge=xenbr0 , mac=00:16:3e:00:00:01" ]\n`, note: "The bridge is `xenbr0 `." },
      { config: `${base}vif = [ "mac=00:16:3e:00:00:01,\tbridge=br-dmz" ]\n`, note: "The tab hides `bridge=`: the vif joins the default bridge." },
    ],
    valid: [{ config: `${base}vif = [ "bridge=xenbr0, mac=00:16:3e:00:00:01, vifname=web01-eth0" ]\n` }],
  },
  check(context) {
    for (const entry of vifEntries(context)) {
      for (const finding of findingsOf(entry)) {
        const first = finding.blanks[0];
        const last = finding.blanks[finding.blanks.length - 1];
        if (!first || !last) continue;
        const edits = finding.blanks.map((span) => vifEdit(entry, span, ""));
        const usable = edits.every((e): e is TextEdit => e !== undefined);
        context.report({
          range: vifRange(context, entry, { start: first.start, end: last.end }),
          message: finding.message,
          help: finding.help,
          ...(usable ? { fix: { title: finding.title, safety: "unsafe" as const, edits } } : {}),
        });
      }
    }
  },
};
