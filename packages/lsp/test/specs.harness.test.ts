/**
 * Drives the built server over stdio for what it knows inside values:
 * completion inside disk and vif strings (the trigger characters, the next
 * free vdev, a fresh MAC, the bridges), hover on a vdev and on a memory
 * size, and a hover that carries the finding under the cursor with its rule
 * link.
 */
import {
  CompletionRequest,
  DidOpenTextDocumentNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  type CompletionItem,
  type CompletionList,
  type Hover,
  type Position,
} from "vscode-languageserver-protocol/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LspClient } from "./lsp-client";

const FOLDER = "file:///srv/xen-specs";
const WEB = `${FOLDER}/web01.cfg`;
const TEXT = [
  'name = "web01"',
  'type = "hvm"',
  "memory = 2048",
  'disk = [ "/dev/vg/web01,raw,xvda,rw", "/img,raw,xvdb,w!", "/dev/vg/new,raw,vdev=" ]',
  'vif = [ "mac=00:16:3e:00:00:01,bridge=xenbr0", "bridge=", "mac=" ]',
  "",
].join("\n");

/** The position of `needle`'s `delta`-th character (its end when `delta` is its length). */
function positionOf(needle: string, delta = 0): Position {
  const offset = TEXT.indexOf(needle) + delta;
  const before = TEXT.slice(0, offset);
  const line = before.split("\n").length - 1;
  return { line, character: offset - (before.lastIndexOf("\n") + 1) };
}

const itemsOf = (result: CompletionItem[] | CompletionList | null): CompletionItem[] => (result === null ? [] : Array.isArray(result) ? result : result.items);
const markdownOf = (hover: Hover | null): string => (hover !== null && typeof hover.contents === "object" && "value" in hover.contents ? hover.contents.value : "");

let client: LspClient;
let triggerCharacters: readonly string[] | undefined;

beforeAll(async () => {
  // The bundle is built once per run, by test/global-setup.ts.
  client = LspClient.start();
  const init = await client.connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: FOLDER,
    workspaceFolders: [{ uri: FOLDER, name: "xen-specs" }],
    capabilities: {},
  });
  triggerCharacters = init.capabilities.completionProvider?.triggerCharacters;
  await client.connection.sendNotification(InitializedNotification.type, {});
  await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: WEB, languageId: "xl", version: 1, text: TEXT } });
}, 60_000);

afterAll(async () => {
  if (client === undefined) return;
  await client.shutdown();
});

const complete = async (position: Position): Promise<CompletionItem[]> =>
  itemsOf(await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: WEB }, position, context: { triggerKind: 2, triggerCharacter: "=" } }));
const hoverAt = async (position: Position): Promise<Hover | null> => client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: WEB }, position });

describe("values and device specs over stdio", () => {
  it("asks to be triggered by = and , as well as quotes", () => {
    expect(triggerCharacters).toEqual(expect.arrayContaining(['"', "=", ","]));
  });

  it("proposes the next free vdev after vdev=", async () => {
    const items = await complete(positionOf("vdev=", 5));
    expect(items.map((i) => i.label)).toEqual(["xvdc"]);
    expect(items[0]?.textEdit).toEqual({ range: { start: positionOf("vdev=", 5), end: positionOf("vdev=", 5) }, newText: "xvdc" });
  });

  it("proposes a fresh MAC in Xen's range, and xl's default bridge", async () => {
    const mac = (await complete(positionOf('"mac=" ]', 5)))[0]?.label;
    expect(mac).toMatch(/^00:16:3e:[0-7][0-9a-f]:[0-9a-f]{2}:[0-9a-f]{2}$/);
    expect(mac).not.toBe("00:16:3e:00:00:01");
    expect((await complete(positionOf('"bridge=",', 8))).map((i) => i.label)).toEqual(["xenbr0"]);
  });

  it("proposes a disk's parameters after a comma", async () => {
    const labels = (await complete(positionOf("/dev/vg/new,", 12))).map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(["format=", "access=", "cdrom"]));
  });

  it("decodes a vdev and shows memory in GiB", async () => {
    const vdev = await hoverAt(positionOf("xvda", 2));
    expect(markdownOf(vdev)).toContain("`xvda` → device number **51712** (0xca00)");
    expect(vdev?.range).toEqual({ start: positionOf("xvda"), end: positionOf("xvda", 4) });
    expect(markdownOf(await hoverAt(positionOf("2048", 1)))).toContain("2048 MiB = 2 GiB");
  });

  it("puts the finding under the cursor, with its rule link, above the field's docs", async () => {
    // The hover asks for the findings of the document's version itself: no need to wait for them to be pushed.
    const text = markdownOf(await hoverAt(positionOf("w!", 1)));
    expect(text).toMatch(/^\*\*Error:\*\* /);
    expect(text).toMatch(/\[`[a-z-]+`\]\([^)]+\.md\)/);
    expect(text).toContain("positional field: the access");
  });
});
