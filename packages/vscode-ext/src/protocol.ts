/** The server's own requests (packages/lsp/src/protocol.ts: names and types only, no server code). */
export { DUMP_REQUEST, RULE_DOC_REQUEST, STATUS_REQUEST } from "@xlint/lsp/protocol";
export type { DumpResult, RuleDocResult, StatusResult as DocumentStatus } from "@xlint/lsp/protocol";
