/**
 * Every request handler runs through `runSafe`: a request the client already
 * cancelled is answered as cancelled without work, and an exception in our
 * code becomes an error answer to that one request (and a line in the log)
 * instead of taking the server down.
 */
import { LSPErrorCodes, ResponseError, type CancellationToken } from "vscode-languageserver";

export type Log = (message: string) => void;

export function runSafe<T>(log: Log, requestName: string, token: CancellationToken | undefined, work: () => T): T | ResponseError<void> {
  if (token?.isCancellationRequested === true) return new ResponseError(LSPErrorCodes.RequestCancelled, `${requestName} was cancelled`);
  try {
    return work();
  } catch (error) {
    log(`xlint: ${requestName} failed: ${describeError(error)}`);
    return new ResponseError(LSPErrorCodes.RequestFailed, `xlint could not answer ${requestName}: ${firstLine(error)}`);
  }
}

/** For work no client waits on (linting after a change): failures are logged, and the server carries on. */
export function runLogged(log: Log, what: string, work: () => void): void {
  try {
    work();
  } catch (error) {
    log(`xlint: ${what} failed: ${describeError(error)}`);
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
}

/** `runSafe` for work that takes turns with other requests (a workspace-wide pull): cancellation is checked again when it ends. */
export async function runSafeAsync<T>(log: Log, requestName: string, token: CancellationToken | undefined, work: () => Promise<T>): Promise<T | ResponseError<void>> {
  const cancelled = (): ResponseError<void> => new ResponseError(LSPErrorCodes.RequestCancelled, `${requestName} was cancelled`);
  // A function, not the property: the token changes while the work awaits.
  const isCancelled = (): boolean => token?.isCancellationRequested === true;
  if (isCancelled()) return cancelled();
  try {
    const result = await work();
    return isCancelled() ? cancelled() : result;
  } catch (error) {
    if (isCancelled()) return cancelled();
    log(`xlint: ${requestName} failed: ${describeError(error)}`);
    return new ResponseError(LSPErrorCodes.RequestFailed, `xlint could not answer ${requestName}: ${firstLine(error)}`);
  }
}
