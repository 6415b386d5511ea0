/** Typed calls of the server's own requests. */
import type { LanguageClient } from "vscode-languageclient/node";
import { DUMP_REQUEST, RULE_DOC_REQUEST, STATUS_REQUEST, type DocumentStatus, type DumpResult, type RuleDocResult } from "./protocol";

export function requestStatus(client: LanguageClient, uri: string): Promise<DocumentStatus | null> {
  return client.sendRequest<DocumentStatus | null>(STATUS_REQUEST, { textDocument: { uri } });
}

export function requestRuleDoc(client: LanguageClient, ruleId: string): Promise<RuleDocResult | null> {
  return client.sendRequest<RuleDocResult | null>(RULE_DOC_REQUEST, { ruleId });
}

export function requestDump(client: LanguageClient, uri: string): Promise<DumpResult | null> {
  return client.sendRequest<DumpResult | null>(DUMP_REQUEST, { textDocument: { uri } });
}
