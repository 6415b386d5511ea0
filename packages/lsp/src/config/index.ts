/**
 * The language server's configuration: client settings (section `xlint`),
 * this machine's host facts, and each file's xlint.json, as the CLI's flags
 * and xlint.json combine (see packages/lsp/README.md, "Settings").
 *
 * For the workspace index (src/workspace/): take the `ServerConfiguration`
 * server.ts makes instead of building a default ConfigResolver:
 *
 *   configuration.resolver()        the ConfigResolver to use now (forFile, guestOsFor, isIgnored, rootFolderOf);
 *                                   ask again after each change: a new one replaces it
 *   configuration.onDidChange(fn)   the settings, host facts or config files changed: walk/re-lint with resolver()
 *   configuration.reload()          an xlint.json (or xl.conf) changed on disk: drop the resolver's caches
 *   configuration.lintSettingsOf(uri)   severities, host and stated guest OS of one document, for its LintInput
 *   configuration.reportConfigProblems()  logs the xlint.json problems the resolver met (after a walk)
 *   configuration.setWorkspaceFolders(paths)  folders came or went (a relative xlConf follows the first)
 */
export { ConfigurationBinding, CONFIGURATION_COMMANDS, REFRESH_HOST_FACTS_COMMAND, type RefreshHostFactsResult } from "./binding";
export { probeDom0, realMachine, type Dom0Verdict, type MachineAccess } from "./dom0-probe";
export { ServerConfiguration, type ConfigurationLog, type DocumentLintSettings, type ServerConfigurationOptions } from "./server-configuration";
export { DEFAULT_SETTINGS, parseSettings, SETTINGS_SECTION, type HostFromSystem, type XlintSettings } from "./settings";
