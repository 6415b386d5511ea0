/** The output formats of `xlint`, by the name `--format` takes. */
import { formatGcc } from "./gcc";
import { formatGithub } from "./github";
import { formatJson } from "./json";
import { formatSarif } from "./sarif";
import { formatStylish } from "./stylish";
import type { FormatName, Formatter } from "./types";

export const formatters: Record<FormatName, Formatter> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
  gcc: formatGcc,
};

export { formatGccLine } from "./gcc";
export type { JsonDiagnostic, JsonFile, JsonFix, JsonRelated, JsonReport } from "./json";
export { FORMAT_NAMES, type FormatName, type FormatOptions, type Formatter, type ReportedFile, type RunReport } from "./types";
