import { describe, expect, it } from "vitest";
import { analyzeDocument } from "../src/features/document-analysis";
import { SEMANTIC_TOKENS_LEGEND, semanticTokens } from "../src/features/semantic-tokens";
import { positionAt, rangeOf } from "./text-places";

/** The tokens decoded from LSP's relative form: [line, column, text, type]. */
function decoded(text: string): [number, number, string, string][] {
  const data = semanticTokens(analyzeDocument(text, "g.cfg")).data;
  const lines = text.split("\n");
  const out: [number, number, string, string][] = [];
  let line = 0;
  let column = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [dl, dc, length, type, modifiers] = data.slice(i, i + 5) as [number, number, number, number, number];
    line += dl;
    column = dl === 0 ? column + dc : dc;
    expect(modifiers).toBe(0);
    out.push([line, column, (lines[line] ?? "").slice(column, column + length), SEMANTIC_TOKENS_LEGEND.tokenTypes[type] ?? "?"]);
  }
  return out;
}

/** The token expected for `needle` (its `occurrence`-th place). */
function token(text: string, needle: string, type: string, occurrence = 0): [number, number, string, string] {
  const { start } = rangeOf(text, needle, occurrence);
  return [start.line, start.character, needle, type];
}

/** The token expected for `needle`, found inside the first `context`. */
function inside(text: string, context: string, needle: string, type: string): [number, number, string, string] {
  const at = text.indexOf(context);
  const offset = at + context.indexOf(needle);
  if (at < 0 || offset < at) throw new Error(`no \`${needle}\` in \`${context}\``);
  const start = positionAt(text, offset);
  return [start.line, start.character, needle, type];
}

describe("semanticTokens", () => {
  it("marks comments, keys, operators, numbers and strings", () => {
    const text = '# guest\nname = "wéb" # the name\nmemory += 0x400\n';
    expect(decoded(text)).toEqual([
      token(text, "# guest", "comment"),
      token(text, "name", "property"),
      token(text, "=", "operator"),
      token(text, '"wéb"', "string"),
      token(text, "# the name", "comment"),
      token(text, "memory", "property"),
      token(text, "+=", "operator"),
      token(text, "0x400", "number"),
    ]);
  });

  it("splits vif and disk specs into parameters, values and vdevs", () => {
    const text = 'vif = [ "mac=00:16:3e:00:00:01,bridge=xenbr0" ]\ndisk = [ "phy:/dev/vg/a,xvda,w", "vdev=hdc,devtype=cdrom,target=/i.iso" ]\n';
    const tokens = decoded(text);
    const t = (context: string, needle: string, type: string) => inside(text, context, needle, type);
    expect(tokens).toEqual([
      t("vif =", "vif", "property"),
      t("vif =", "=", "operator"),
      t('"mac=', '"', "string"),
      t('"mac=', "mac", "parameter"),
      t("mac=", "=", "operator"),
      t("mac=00:16:3e:00:00:01", "00:16:3e:00:00:01", "enumMember"),
      t(",bridge", ",", "string"),
      t("bridge=", "bridge", "parameter"),
      t("bridge=", "=", "operator"),
      t("xenbr0", "xenbr0", "enumMember"),
      t('xenbr0"', '"', "string"),
      t("disk =", "disk", "property"),
      t("disk =", "=", "operator"),
      t('"phy', '"', "string"),
      t('"phy', "phy", "keyword"),
      t("phy:", ":", "string"),
      t("/dev/vg/a", "/dev/vg/a", "enumMember"),
      t("/vg/a,", ",", "string"),
      t(",xvda,", "xvda", "variable"),
      t("xvda,", ",", "string"),
      t(',w"', "w", "enumMember"),
      t(',w"', '"', "string"),
      t('"vdev', '"', "string"),
      t('"vdev', "vdev", "parameter"),
      t("vdev=", "=", "operator"),
      t("hdc", "hdc", "variable"),
      t("hdc,", ",", "string"),
      t("devtype=", "devtype", "parameter"),
      t("devtype=", "=", "operator"),
      t("cdrom", "cdrom", "enumMember"),
      t("cdrom,", ",", "string"),
      t("target=", "target", "parameter"),
      t("target=", "=", "operator"),
      t("/i.iso", "/i.iso", "enumMember"),
      t('/i.iso"', '"', "string"),
    ]);
  });

  it("counts UTF-16 columns (astral characters are two) and keeps tokens off line breaks (CRLF too)", () => {
    const text = 'name = "🦊"\r\nvif = [ "bridge=🦊br" ]\r\n';
    const tokens = decoded(text.replace(/\r/g, " ")); // columns do not move: \r is one unit where the space is
    expect(tokens).toContainEqual(token(text, '"🦊"', "string"));
    expect(tokens).toContainEqual(token(text, "🦊br", "enumMember"));
    expect(rangeOf(text, "🦊br").start.character).toBe(16);
    const raw = semanticTokens(analyzeDocument(text, "g.cfg")).data;
    // The string on line 0 ends before the \r: length 4 (quote, two units, quote).
    expect(raw.slice(10, 15)).toEqual([0, 2, 4, SEMANTIC_TOKENS_LEGEND.tokenTypes.indexOf("string"), 0]);
  });

  it("says nothing about text xl cannot read as a value", () => {
    const text = "memory = 1.5\n";
    expect(decoded(text)).toEqual([token(text, "memory", "property"), token(text, "=", "operator")]);
  });
});
