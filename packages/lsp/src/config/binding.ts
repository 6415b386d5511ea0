/**
 * The configuration's side of the LSP conversation, so that server.ts only
 * wires handlers: the `xlint` section pulled with workspace/configuration
 * when the client can answer it (after `initialized`, and again on every
 * workspace/didChangeConfiguration), else taken from the settings the client
 * pushes in that notification; and the `xlint.refreshHostFacts` command.
 */
import {
  DidChangeConfigurationNotification,
  type ClientCapabilities,
  type Connection,
  type DidChangeConfigurationParams,
  type ExecuteCommandParams,
} from "vscode-languageserver";
import type { ServerConfiguration } from "./server-configuration";
import { SETTINGS_SECTION } from "./settings";

export const REFRESH_HOST_FACTS_COMMAND = "xlint.refreshHostFacts";

/** The commands this module answers, for `executeCommandProvider`. */
export const CONFIGURATION_COMMANDS: readonly string[] = [REFRESH_HOST_FACTS_COMMAND];

/** What `xlint.refreshHostFacts` answers: the log's lines about the read. */
export interface RefreshHostFactsResult {
  readonly summary: string;
  readonly failures: string | null;
}

export class ConfigurationBinding {
  private readonly canPull: boolean;
  private readonly canRegisterForChanges: boolean;
  /** Pulls answer asynchronously: only the latest one's answer is used. */
  private pulls = 0;

  constructor(
    private readonly connection: Connection,
    private readonly configuration: ServerConfiguration,
    capabilities: ClientCapabilities,
  ) {
    this.canPull = capabilities.workspace?.configuration === true;
    this.canRegisterForChanges = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
  }

  /** After `initialized`: asks to hear of changes, takes the client's settings, then reads this machine when asked to. */
  async initialized(): Promise<void> {
    if (this.canRegisterForChanges) {
      // A client that pulls may send didChangeConfiguration only to servers that register for it.
      await this.connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch((error: unknown) => {
        this.connection.console.warn(`xlint: could not register for configuration changes: ${describe(error)}`);
      });
    }
    // The first settings and the first read of this machine make one change, not two.
    const first = await this.fetch();
    this.configuration.start(first);
  }

  async didChangeConfiguration(params: DidChangeConfigurationParams): Promise<void> {
    if (this.canPull) {
      await this.pull();
      return;
    }
    const settings: unknown = params.settings;
    if (typeof settings === "object" && settings !== null && SETTINGS_SECTION in settings) {
      this.configuration.setClientSection((settings as Record<string, unknown>)[SETTINGS_SECTION]);
    }
  }

  /** Answers the commands of CONFIGURATION_COMMANDS; undefined for any other. */
  executeCommand(params: ExecuteCommandParams): RefreshHostFactsResult | undefined {
    if (params.command !== REFRESH_HOST_FACTS_COMMAND) return undefined;
    const read = this.configuration.refreshHostFacts();
    return { summary: read?.summary ?? "", failures: read?.failures ?? null };
  }

  private async pull(): Promise<void> {
    const pulled = await this.fetch();
    if (pulled !== undefined) this.configuration.setClientSection(pulled.section);
  }

  /** The client's section, when it can be asked and this is still the latest question; else undefined. */
  private async fetch(): Promise<{ readonly section: unknown } | undefined> {
    if (!this.canPull) return undefined;
    const pull = ++this.pulls;
    try {
      const section: unknown = await this.connection.workspace.getConfiguration({ section: SETTINGS_SECTION });
      return pull === this.pulls ? { section } : undefined;
    } catch (error) {
      this.connection.console.warn(`xlint: could not get the "${SETTINGS_SECTION}" settings from the client: ${describe(error)}`);
      return undefined;
    }
  }
}

function describe(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
}
