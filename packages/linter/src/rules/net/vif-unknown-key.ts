import { VIF_KEYS, type VifToken } from "@xlint/parser";
import { damerauLevenshtein, maxEditsFor, normaliseKey } from "../../catalog";
import type { Fix, FileRule } from "../../engine/types";
import { vifEntries, vifRange, type VifEntry } from "../util/net-vifs";
import { recognisedItem, vifEdit } from "../util/net-spec";

const base = 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 512\n';
const IGNORED = 'xl prints "unrecognized argument" and ignores it, so the setting is lost';

/** The vif keys nearest to a word (only the nearest ones); the forty COLO keys only for a word that looks like one. */
function candidatesFor(word: string): string[] {
  const wanted = normaliseKey(word);
  const budget = maxEditsFor(wanted);
  const pool = [...VIF_KEYS, "vlan", "trusted", "untrusted"].filter((k) => !k.startsWith("colo_") || wanted.startsWith("colo"));
  const scored = pool.map((key) => ({ key, distance: damerauLevenshtein(wanted, key) })).filter((c) => c.distance <= budget);
  const best = Math.min(...scored.map((c) => c.distance));
  return scored.filter((c) => c.distance === best).map((c) => c.key);
}

interface Verdict {
  readonly message: string;
  readonly help: string;
  readonly replacement?: { readonly span: { start: number; end: number }; readonly text: string; readonly title: string };
}

const KNOWN_KEYS: readonly string[] = [...VIF_KEYS, "vlan"];
const FLAGS: readonly string[] = ["trusted", "untrusted"];

/** Why xl does not recognise the item, and the rewrite when there is exactly one reading. */
function judge(token: VifToken): Verdict | undefined {
  const text = token.text;
  const lead = /^[ \t]*/.exec(text)?.[0].length ?? 0;
  const core = text.slice(lead);
  // Blank items, leading tabs and trailing blanks on an item xl would know are `vif-whitespace`'s.
  if (core === "" || recognisedItem(core) || FLAGS.includes(core.trimEnd())) return undefined;
  const at = token.span.start;
  const whole = { start: at, end: token.span.end };
  const spaced = /^([A-Za-z_0-9]+)([ \t]*)=([ \t]*)(.*)$/s.exec(core);
  const name = spaced?.[1];
  if (spaced && name !== undefined && KNOWN_KEYS.includes(name.toLowerCase())) {
    const lower = name.toLowerCase();
    const fixed = `${lower}=${(spaced[4] ?? "").trimEnd()}`;
    const blanks = (spaced[2] ?? "") !== "" || (spaced[3] ?? "") !== "";
    const why = [lower !== name ? "keys are lowercase" : "", blanks ? `the key must be followed by \`=\` at once (\`${lower}=\`)` : ""].filter((w) => w !== "").join(", and ");
    return {
      message: `\`${text}\` is not recognised because ${why}`,
      help: `${IGNORED}. Write \`${fixed}\`.`,
      replacement: { span: whole, text: fixed, title: `Write \`${fixed}\`` },
    };
  }
  const lower = core.toLowerCase();
  if (FLAGS.includes(lower.trimEnd())) {
    const fixed = lower.trimEnd();
    return { message: `\`${text}\` is not recognised because xl knows the flag in lowercase only`, help: `${IGNORED}. Write \`${fixed}\`.`, replacement: { span: whole, text: fixed, title: `Write \`${fixed}\`` } };
  }
  if (KNOWN_KEYS.includes(lower.trimEnd())) {
    return {
      message: `\`${text}\` has no value`,
      help: `xl only recognises \`${lower.trimEnd()}=\` followed by one, so it prints "unrecognized argument" and ignores the word. Write \`${lower.trimEnd()}=VALUE\`, or remove it.`,
    };
  }
  const eq = core.indexOf("=");
  const word = eq >= 0 ? core.slice(0, eq) : core;
  const candidates = /^[A-Za-z_0-9-]+$/.test(word) ? candidatesFor(word.toLowerCase()) : [];
  const hint = candidates.length === 0 ? "Check xl-network-configuration(5) for the settings a vif takes." : `Did you mean ${candidates.map((c) => `\`${c}\``).join(" or ")}?`;
  const only = candidates.length === 1 ? candidates[0] : undefined;
  // Keep the item's shape: a flag takes no value, a key needs one; and a leading tab would still hide the key.
  const fits = only !== undefined && lead === 0 && (FLAGS.includes(only) ? eq < 0 : eq >= 0);
  return {
    message: `\`${text}\` is not a vif setting xl knows`,
    help: `${IGNORED}. ${hint}`,
    ...(fits && only ? { replacement: { span: { start: at, end: at + word.length }, text: only, title: `Replace \`${word}\` with \`${only}\`` } } : {}),
  };
}

function fixFor(entry: VifEntry, verdict: Verdict): Fix | undefined {
  if (!verdict.replacement) return undefined;
  const edit = vifEdit(entry, verdict.replacement.span, verdict.replacement.text);
  return edit ? { title: verdict.replacement.title, safety: "unsafe", edits: [edit] } : undefined;
}

/** An item of a vif spec that xl does not recognise. */
export const vifUnknownKey: FileRule = {
  id: "vif-unknown-key",
  scope: "file",
  severity: "warning",
  category: "suspicious",
  fixable: "unsafe",
  summary: "An item of a vif spec that xl does not recognise (a misspelt or uppercase key, blanks around `=`, a key without value), so its setting is lost",
  docs: {
    description: [
      "xl splits each `vif` string at the commas and compares every item with the `key=` prefixes it knows.",
      "Anything else earns a line of \"unrecognized argument\" on the console and is then dropped, while the",
      "guest is created anyway: `brige=br-dmz` puts the interface on the default bridge, `Bridge=br-dmz` too",
      "(keys are lowercase), and so does `bridge = br-dmz`, because the key must be followed by `=` at once.",
      "",
      "This rule reports each such item, suggests the nearest vif key, and offers a fix when the intended",
      "item is clear (one candidate, lowercase, or blanks around `=`); it is unsafe, since the item then",
      "takes effect. Blank items and leading tabs are reported by `vif-whitespace`, `netdev`, `accel` and",
      "`vlan` by `vif-deprecated-key`.",
    ].join("\n"),
    invalid: [
      { config: `${base}vif = [ "mac=00:16:3e:00:00:01,brige=br-dmz" ]\n`, note: "Did you mean `bridge`? The vif joins the default bridge instead." },
      { config: `${base}vif = [ "mac=00:16:3e:00:00:01, bridge = br-dmz" ]\n`, note: "No blanks are allowed around `=`." },
    ],
    valid: [{ config: `${base}vif = [ "mac=00:16:3e:00:00:01, bridge=br-dmz, vifname=web01-eth0" ]\n`, note: "Spaces after a comma are skipped." }],
  },
  check(context) {
    for (const entry of vifEntries(context)) {
      entry.vif.tokens.forEach((token) => {
        if (token.key !== undefined) return;
        const verdict = judge(token);
        if (!verdict) return;
        const fix = fixFor(entry, verdict);
        context.report({ range: vifRange(context, entry, token.span), message: verdict.message, help: verdict.help, ...(fix ? { fix } : {}) });
      });
    }
  },
};
