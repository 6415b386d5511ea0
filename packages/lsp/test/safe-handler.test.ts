import { LSPErrorCodes, ResponseError } from "vscode-languageserver";
import { describe, expect, it } from "vitest";
import { runLogged, runSafe } from "../src/safe-handler";

describe("runSafe", () => {
  it("returns the handler's answer", () => {
    expect(runSafe(() => {}, "hover", undefined, () => 42)).toBe(42);
  });

  it("turns an exception into an error answer and a log line", () => {
    const logged: string[] = [];
    const answer = runSafe((m) => logged.push(m), "hover", undefined, () => {
      throw new Error("boom\nsecond line");
    });
    expect(answer).toBeInstanceOf(ResponseError);
    expect(answer).toMatchObject({ code: LSPErrorCodes.RequestFailed, message: "xlint could not answer hover: boom" });
    expect(logged[0]).toContain("xlint: hover failed: Error: boom");
  });

  it("does no work for a cancelled request", () => {
    let ran = false;
    const token = { isCancellationRequested: true, onCancellationRequested: () => ({ dispose() {} }) };
    const answer = runSafe(() => {}, "completion", token, () => (ran = true));
    expect(ran).toBe(false);
    expect(answer).toMatchObject({ code: LSPErrorCodes.RequestCancelled });
  });
});

describe("runLogged", () => {
  it("logs a failure and returns", () => {
    const logged: string[] = [];
    runLogged((m) => logged.push(m), "linting", () => {
      throw new Error("bad");
    });
    expect(logged).toHaveLength(1);
  });
});
