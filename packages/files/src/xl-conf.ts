/**
 * `--xl-conf FILE`: the vif defaults of a host's /etc/xen/xl.conf, which
 * decide the bridge and script of every vif that names none. The file is
 * read with xlint's own parser, since xl.conf uses the same language.
 */
import { readFileSync } from "node:fs";
import { decodeFileBytes, evaluate, parse } from "@xlint/parser";
import type { HostProfile } from "@xlint/linter";
import { describeFsError } from "./discover";

/** The host facts the file sets, or a one-line error message. */
export function readXlConf(file: string): Partial<HostProfile> | string {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    return `${file}: ${describeFsError(error)}`;
  }
  const { text: source, encoding } = decodeFileBytes(bytes);
  const parsed = parse(source, { encoding });
  const evaluation = evaluate(parsed.file);
  const firstError = [...parsed.diagnostics, ...evaluation.diagnostics].find((d) => d.severity === "error");
  if (firstError) {
    // xl itself refuses an xl.conf it cannot parse, so its defaults would not apply either.
    return `${file}:${firstError.range.start.line + 1}:${firstError.range.start.column + 1}: ${firstError.message}`;
  }
  const text = (key: string): string | undefined => {
    const value = evaluation.settings.get(key)?.value;
    return value?.kind === "string" ? value.value : undefined;
  };
  // The old names are still read by xl when the new ones are absent.
  const defaultBridge = text("vif.default.bridge") ?? text("defaultbridge");
  const defaultVifScript = text("vif.default.script") ?? text("vifscript");
  return { ...(defaultBridge !== undefined ? { defaultBridge } : {}), ...(defaultVifScript !== undefined ? { defaultVifScript } : {}) };
}
