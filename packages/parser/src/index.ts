export type * from "./ast";
export type { ParseDiagnostic, ParseDiagnosticCode, Severity } from "./diagnostics";
export { parse, type ParseOptions, type ParseResult } from "./parse";
export { evaluate, toEvalValue, type EvalList, type EvalString, type EvalValue, type Evaluation, type Setting } from "./evaluate";
export { settingsToJson } from "./oracle-json";
export { decodeXlString, type DecodedString, type EscapeProblem } from "./strings";
export { LineIndex } from "./positions";
export type { ByteEncoding } from "./lex";
export { decodeFileBytes } from "./decode";
