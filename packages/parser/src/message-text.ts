/**
 * A problem's text cut into a short message and a help. The parser and the
 * spec parsers write each problem as one text, "what is wrong: why it
 * matters; what to do"; a Problems panel or a compiler-style log shows one
 * short line per finding, so the message is the part before the first `: `,
 * `; `, ` — ` or sentence end outside backticks, quotes and brackets, and the
 * help is the rest.
 */

export interface MessageText {
  /** What is wrong, one clause without a final period. */
  readonly message: string;
  /** Why and what to do, as sentences; absent when the text says only what is wrong. */
  readonly help?: string;
}

/** First words that name something (a program, a key, a device kind) and keep their lowercase. */
const NAMES = /^(xl|xlint|libxl|qemu|phy|qdisk|tap|standalone|devid|mtu|vif|vifname|irq|ioport|iomem|vsnd|rdm|pci|cpuid|vtpm|p9|vnc|sdl|usbctrl|usbdev|vdispl|vkb|vfb|virtio)$/;

/** Where the text's first clause ends and its rest starts, or undefined when it is one clause. */
function firstBreak(text: string): { end: number; rest: number } | undefined {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charAt(i);
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
      continue;
    }
    // A quote opens only when it also closes; a lone `"` (in `\"`) is a character like any other.
    if ((c === "`" || c === '"') && text.indexOf(c, i + 1) > i) quote = c;
    else if (c === "(" || c === "[") depth++;
    else if ((c === ")" || c === "]") && depth > 0) depth--;
    else if (depth === 0) {
      const next = text.charAt(i + 1);
      if ((c === ":" || c === ";") && next === " ") return { end: i, rest: i + 2 };
      if (c === "." && next === " " && /[A-Z`]/.test(text.charAt(i + 2))) return { end: i, rest: i + 2 };
      if (c === " " && text.startsWith("— ", i + 1)) return { end: i, rest: i + 3 };
    }
  }
  return undefined;
}

/** A first word that names something (`xl`, `vCPU`, `d0p0`) keeps its case; a plain word gets a capital. */
export function capitalised(text: string, keepCase: RegExp = NAMES): string {
  const firstWord = /^[^\s,:;]*/.exec(text)?.[0] ?? "";
  return /^[a-z]+$/.test(firstWord) && !keepCase.test(firstWord) ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

/**
 * The text's first clause as the message (with a capital first letter unless
 * it starts with a name), the rest, if any, as a help ending with a period.
 */
export function splitMessageText(text: string, keepCase: RegExp = NAMES): MessageText {
  const trimmed = text.trim();
  const cut = firstBreak(trimmed);
  const message = capitalised((cut ? trimmed.slice(0, cut.end) : trimmed).replace(/\.$/, ""), keepCase);
  if (!cut) return { message };
  const help = capitalised(trimmed.slice(cut.rest).trim(), keepCase);
  return { message, help: /[.!?]$/.test(help) ? help : `${help}.` };
}
