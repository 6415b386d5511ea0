/**
 * How long work done in slices (indexing, workspace diagnostics) waits between
 * slices, so that requests are answered meanwhile.
 *
 * One `setImmediate` is not enough: vscode-jsonrpc takes three turns of the
 * event loop to answer a request, each through its own `setImmediate` (the
 * reader's lock, the connection's message queue, the writer's lock). A slice
 * run at every turn would sit in front of each of them, so a hover waited
 * three slices (about 30 ms with 8 ms slices; measured in bench:lsp). Letting
 * the loop turn a few times before the next slice lets a request that arrived
 * during a slice go all the way through first; the idle turns cost
 * microseconds.
 */
const TURNS_PER_REQUEST = 3;

export async function yieldToRequests(): Promise<void> {
  for (let turn = 0; turn <= TURNS_PER_REQUEST; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
}
