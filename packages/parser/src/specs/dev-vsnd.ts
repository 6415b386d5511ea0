/**
 * `vsnd = [ [ 'CARD, k=v, …', 'PCM, …', 'STREAM, …' ], … ]`: a list of
 * sound cards, each a list of item strings. The first comma-separated word
 * of an item says what it is (CARD, PCM or STREAM, any case); a PCM item
 * starts a new PCM device and a STREAM item a new stream of the last PCM
 * (creating one if needed). Every parameter is a `key=value` the item kind
 * must know, or xl refuses the config.
 */
import type { SpecField, SpecProblem, SpecText } from "./spec-text";
import {
  problemAtPath,
  emptyBackendProblem,
  sliceField,
  makeListProblem,
  matchXlOption,
  devProblem,
  quoteForMessage,
  readStrtoulValue,
  skipSpaceChars,
  sliceSpan,
  strtokSlices,
  stringItemsUntilList,
  type ListProblem,
  type SpecSlice,
  type SpecItem,
} from "./dev-common";

/** libxl's vsnd_pcm_format names (the IDL, lowercased); xl compares them ignoring case. */
export const VSND_PCM_FORMATS = [
  "s8", "u8", "s16_le", "s16_be", "u16_le", "u16_be", "s24_le", "s24_be", "u24_le", "u24_be",
  "s32_le", "s32_be", "u32_le", "u32_be", "f32_le", "f32_be", "f64_le", "f64_be",
  "iec958_subframe_le", "iec958_subframe_be", "mu_law", "a_law", "ima_adpcm", "mpeg", "gsm",
] as const;

export type VsndPcmFormat = (typeof VSND_PCM_FORMATS)[number];

/** The man page's spellings that xl does not accept, with the name it wants. */
const MAN_PAGE_FORMATS: ReadonlyMap<string, VsndPcmFormat> = new Map([
  ["float_le", "f32_le"],
  ["float_be", "f32_be"],
  ["float64_le", "f64_le"],
  ["float64_be", "f64_be"],
]);

export interface VsndParams {
  readonly sampleRates: readonly SpecField<number>[] | undefined;
  readonly sampleFormats: readonly SpecField<VsndPcmFormat>[] | undefined;
  readonly channelsMin: SpecField<number> | undefined;
  readonly channelsMax: SpecField<number> | undefined;
  readonly bufferSize: SpecField<number> | undefined;
}

/** Where a vsnd value was written: [card index, item index]. */
export type VsndPath = readonly [number, number];

export interface VsndValue<T> extends SpecField<T> {
  readonly path: VsndPath;
}

export interface VsndStream {
  readonly uniqueId: VsndValue<string> | undefined;
  readonly type: VsndValue<"p" | "c"> | undefined;
  readonly params: VsndParams;
}

export interface VsndPcm {
  readonly name: VsndValue<string> | undefined;
  readonly params: VsndParams;
  readonly streams: readonly VsndStream[];
}

export interface VsndCard {
  readonly index: number;
  readonly backend: VsndValue<string> | undefined;
  readonly shortName: VsndValue<string> | undefined;
  readonly longName: VsndValue<string> | undefined;
  readonly params: VsndParams;
  readonly pcms: readonly VsndPcm[];
}

export interface VsndList {
  readonly cards: readonly VsndCard[];
  readonly problems: readonly ListProblem[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type MutableStream = Mutable<VsndStream> & { params: Mutable<VsndParams> };
type MutablePcm = Mutable<VsndPcm> & { params: Mutable<VsndParams>; streams: MutableStream[] };
type MutableCard = Mutable<VsndCard> & { params: Mutable<VsndParams>; pcms: MutablePcm[] };

function emptyParams(): Mutable<VsndParams> {
  return { sampleRates: undefined, sampleFormats: undefined, channelsMin: undefined, channelsMax: undefined, bufferSize: undefined };
}

/** Parses the whole `vsnd` list value. */
export function parseVsnd(items: readonly SpecItem[]): VsndList {
  const problems: ListProblem[] = [];
  const cards: VsndCard[] = [];
  for (const [cardIndex, cardItem] of items.entries()) {
    if (cardItem.kind === "string") {
      problems.push(
        makeListProblem(
          [cardIndex],
          "card-not-a-list",
          `vsnd item ${cardIndex + 1} is a string, but each sound card must be a list of item strings: xl refuses the config; write [ 'CARD, …', 'PCM, …', 'STREAM, …' ]`,
          "fatal",
          { start: 0, end: cardItem.spec.text.length },
        ),
      );
      continue;
    }
    const card: MutableCard = { index: cardIndex, backend: undefined, shortName: undefined, longName: undefined, params: emptyParams(), pcms: [] };
    const inner: ListProblem[] = [];
    for (const { index, spec } of stringItemsUntilList(cardItem.items, `vsnd card ${cardIndex + 1}`, inner)) {
      const own: SpecProblem[] = [];
      const fatal = readItem(spec, [cardIndex, index], card, own);
      problems.push(...own.map((p) => problemAtPath([cardIndex, index], p)));
      if (fatal) break;
    }
    problems.push(...inner.map((p) => ({ ...p, path: [cardIndex, ...p.path] })));
    cards.push(card);
  }
  return { cards, problems };
}

/** Reads one item into `card`; true when xl stops at it. */
function readItem(spec: SpecText, path: VsndPath, card: MutableCard, problems: SpecProblem[]): boolean {
  const tokens = strtokSlices(spec.text, ",").map(skipSpaceChars);
  const head = tokens[0];
  if (!head) return false;
  const kind = head.text.toLowerCase();
  if (kind !== "card" && kind !== "pcm" && kind !== "stream") {
    const hint = /^(card|pcm|stream)\s+$/i.test(head.text) ? " (no blank is allowed before the comma)" : "";
    problems.push(
      devProblem(
        "unknown-item-kind",
        `a vsnd item must start with CARD, PCM or STREAM, not ${quoteForMessage(head.text)}${hint}: xl refuses the config; begin the item with one of those words`,
        sliceSpan(head),
        "fatal",
      ),
    );
    return true;
  }
  let target: { params: Mutable<VsndParams> };
  let stream: MutableStream | undefined;
  let pcm: MutablePcm | undefined;
  if (kind === "card") {
    target = card;
  } else if (kind === "pcm") {
    pcm = { name: undefined, params: emptyParams(), streams: [] };
    card.pcms.push(pcm);
    target = pcm;
  } else {
    pcm = card.pcms[card.pcms.length - 1];
    if (!pcm) {
      pcm = { name: undefined, params: emptyParams(), streams: [] };
      card.pcms.push(pcm);
    }
    stream = { uniqueId: undefined, type: undefined, params: emptyParams() };
    pcm.streams.push(stream);
    target = stream;
  }
  for (const token of tokens.slice(1)) {
    const result = readCommonParam(token, target.params, problems);
    if (result === "fatal") return true;
    if (result === "read") continue;
    let value: SpecSlice | undefined;
    const at = <T>(v: T, piece: SpecSlice): VsndValue<T> => ({ ...sliceField(v, piece), path });
    if (kind === "card" && (value = matchXlOption(token, "backend"))) {
      card.backend = at(value.text, value);
      const empty = emptyBackendProblem(value, "vsnd");
      if (empty) problems.push(empty);
    } else if (kind === "card" && (value = matchXlOption(token, "short-name"))) {
      card.shortName = at(value.text, value);
    } else if (kind === "card" && (value = matchXlOption(token, "long-name"))) {
      card.longName = at(value.text, value);
    } else if (kind === "pcm" && pcm && (value = matchXlOption(token, "name"))) {
      pcm.name = at(value.text, value);
    } else if (stream && (value = matchXlOption(token, "unique-id"))) {
      stream.uniqueId = at(value.text, value);
    } else if (stream && (value = matchXlOption(token, "type"))) {
      const lower = value.text.toLowerCase();
      if (lower !== "p" && lower !== "c") {
        problems.push(devProblem("unknown-stream-type", `stream type ${quoteForMessage(value.text)} is not \`p\` (playback) or \`c\` (capture): xl refuses the config; write type=p or type=c`, sliceSpan(value), "fatal"));
        return true;
      }
      stream.type = at(lower, value);
    } else {
      problems.push(devProblem("unknown-parameter", unknownParameterMessage(token, kind), sliceSpan(token), "fatal"));
      return true;
    }
  }
  return false;
}

function unknownParameterMessage(token: SpecSlice, kind: "card" | "pcm" | "stream"): string {
  const allowed = {
    card: "backend=, short-name=, long-name=",
    pcm: "name=",
    stream: "unique-id=, type=",
  }[kind];
  const hint = kind === "stream" && token.text.startsWith("id=") ? " (the man page's `id=` is wrong: write `unique-id=`)" : "";
  return `${quoteForMessage(token.text)} is not a ${kind.toUpperCase()} parameter${hint}: xl refuses the config; ${kind.toUpperCase()} takes ${allowed} and the common sample-rates=, sample-formats=, channels-min=, channels-max=, buffer-size=`;
}

/** The parameters every item kind takes; "other" when the token is none of them. */
function readCommonParam(token: SpecSlice, params: Mutable<VsndParams>, problems: SpecProblem[]): "read" | "other" | "fatal" {
  let value: SpecSlice | undefined;
  if ((value = matchXlOption(token, "sample-rates"))) {
    const list = readSemicolonList(value, "sample-rates", problems);
    if (!list) return "fatal";
    params.sampleRates = list.map((p) => sliceField(Number(readStrtoulValue(p, "sample-rates", 32, problems)), p));
    return "read";
  }
  if ((value = matchXlOption(token, "sample-formats"))) {
    const list = readSemicolonList(value, "sample-formats", problems);
    if (!list) return "fatal";
    const formats: SpecField<VsndPcmFormat>[] = [];
    for (const p of list) {
      const known = VSND_PCM_FORMATS.find((f) => f === p.text.toLowerCase());
      if (!known) {
        const better = MAN_PAGE_FORMATS.get(p.text.toLowerCase());
        const hint = better ? ` (the man page's name; xl wants \`${better}\`)` : p.text.trim() !== p.text ? " (no blanks are allowed around the names)" : "";
        problems.push(devProblem("unknown-pcm-format", `${quoteForMessage(p.text)} is not a sample format xl knows${hint}: xl refuses the config; use names such as s16_le, u8, f32_le`, sliceSpan(p), "fatal"));
        return "fatal";
      }
      formats.push(sliceField(known, p));
    }
    params.sampleFormats = formats;
    return "read";
  }
  for (const [key, name] of [
    ["channels-min", "channelsMin"],
    ["channels-max", "channelsMax"],
    ["buffer-size", "bufferSize"],
  ] as const) {
    if ((value = matchXlOption(token, key))) {
      params[name] = sliceField(Number(readStrtoulValue(value, key, 32, problems)), value);
      return "read";
    }
  }
  return "other";
}

/** `split_string_into_string_list(value, ";")`, which crashes on a list with no entry. */
function readSemicolonList(value: SpecSlice, key: string, problems: SpecProblem[]): SpecSlice[] | undefined {
  const parts = strtokSlices(value.text, ";").map((p) => ({ text: p.text, start: p.start + value.start, end: p.end + value.start }));
  if (parts.length === 0) {
    problems.push(devProblem("empty-list-crash", `\`${key}=\` lists nothing: xl 4.17 crashes on it, so the guest is not created; give at least one value or drop the key`, sliceSpan(value), "fatal"));
    return undefined;
  }
  return parts;
}
