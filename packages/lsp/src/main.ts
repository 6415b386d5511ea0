/**
 * `xl-language-server --stdio | --node-ipc`: the entry point of the bundle.
 * vscode-languageserver picks the transport from these same arguments.
 */
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { startServer } from "./server";

const USAGE = "usage: xl-language-server --stdio | --node-ipc\n  the xlint language server for Xen xl configs; an editor starts it\n";

const args = process.argv.slice(2);
if (args.includes("--help") || args.includes("-h")) {
  process.stdout.write(USAGE);
  process.exit(0);
}
if (!args.includes("--stdio") && !args.includes("--node-ipc")) {
  process.stderr.write(`xl-language-server: say how the editor talks to the server\n${USAGE}`);
  process.exit(2);
}

const connection = createConnection(ProposedFeatures.all);
// The last line of defence: a failure outside every handler is logged and the server lives on.
process.on("uncaughtException", (error) => connection.console.error(`xlint: unexpected failure: ${error.stack ?? error.message}`));
startServer(connection);
