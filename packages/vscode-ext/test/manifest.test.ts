/**
 * The extension's manifest against what it promises: settings made from the
 * server's schema (and accepted by the server as VS Code sends them), every
 * command either registered by the client or served by the server, files that
 * exist, activation that is not `*`, file patterns that take /etc/xen configs
 * and leave other files alone.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import picomatch from "picomatch";
import { describe, expect, it } from "vitest";
import { allRules, CONFIG_FILE_NAMES } from "@xlint/linter";
import { CONFIGURATION_COMMANDS, DEFAULT_SETTINGS, parseSettings } from "../../lsp/src/config";
import { EXTENSION_ONLY_SETTINGS, manifestConfiguration } from "../scripts/manifest-settings.mjs";
import { EXTENSION_ONLY_KEYS, withoutExtensionSettings } from "../src/server-settings";
import { NAME_PATTERNS } from "../src/language";

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const manifestPath = path.join(packageDir, "package.json");
const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));

/** The `xlint` section as VS Code's getConfiguration("xlint") gives it when nothing is set: every default, nested by dots. */
function sectionOfDefaults(properties: Record<string, { default?: unknown }>): Record<string, unknown> {
  const section: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(properties)) {
    const parts = key.split(".").slice(1);
    let at = section;
    for (const part of parts.slice(0, -1)) at = (at[part] ??= {}) as Record<string, unknown>;
    at[parts[parts.length - 1] as string] = spec.default;
  }
  return section;
}

describe("the extension's manifest", () => {
  it("contributes the settings made from the server's schema", () => {
    const expected = manifestConfiguration();
    if (process.env.UPDATE_MANIFEST === "1") {
      manifest.contributes.configuration = expected;
      writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    }
    expect(manifest.contributes.configuration).toEqual(expected);
    const keys = Object.keys(expected.properties);
    for (const key of ["xlint.rules", "xlint.host.bridges", "xlint.host.fromSystem", "xlint.xlConf", "xlint.trace.server"]) expect(keys).toContain(key);
    expect(Object.keys(expected.properties["xlint.rules"]?.properties ?? {}).sort()).toEqual(allRules.map((r) => r.id).sort());
  });

  it("VS Code's defaults reach the server as no setting at all", () => {
    const section = sectionOfDefaults(manifest.contributes.configuration.properties);
    const sent = withoutExtensionSettings({ items: [{ section: "xlint" }] }, [section])[0];
    const parsed = parseSettings(sent, new Set(allRules.map((r) => r.id)));
    expect(parsed.problems).toEqual([]);
    expect(parsed.settings).toEqual(DEFAULT_SETTINGS);
  });

  it("a host fact set in VS Code reaches the server", () => {
    const section = sectionOfDefaults(manifest.contributes.configuration.properties) as { host: Record<string, unknown> };
    section.host.bridges = ["xenbr0"];
    section.host.fromSystem = "off";
    const parsed = parseSettings(withoutExtensionSettings({ items: [{ section: "xlint" }] }, [section])[0], new Set(allRules.map((r) => r.id)));
    expect(parsed.problems).toEqual([]);
    expect(parsed.settings.host.bridges).toEqual(["xenbr0"]);
    expect(parsed.settings.hostFromSystem).toBe("off");
  });

  it("keeps the extension's own settings from the server", () => {
    expect(EXTENSION_ONLY_KEYS.map((k) => `xlint.${k}`).sort()).toEqual(Object.keys(EXTENSION_ONLY_SETTINGS).sort());
  });

  it("every command is registered by the client or served by the server", () => {
    const sources = readdirSync(path.join(packageDir, "src")).map((f) => readFileSync(path.join(packageDir, "src", f), "utf8")).join("\n");
    const registered = new Set([...sources.matchAll(/registerCommand\("([^"]+)"/g)].map((m) => m[1]));
    for (const c of CONFIGURATION_COMMANDS) registered.add(c);
    const contributed = manifest.contributes.commands.map((c: { command: string }) => c.command);
    expect(contributed.filter((c: string) => !registered.has(c))).toEqual([]);
    expect([...registered].filter((c) => !contributed.includes(c))).toEqual([]);
    for (const menu of Object.values(manifest.contributes.menus) as { command: string }[][]) for (const item of menu) expect(contributed).toContain(item.command);
  });

  it("names files that exist, and activates only for xl work", () => {
    for (const file of [manifest.contributes.languages[0].configuration, manifest.contributes.grammars[0].path, manifest.contributes.snippets[0].path, manifest.icon]) {
      expect(existsSync(path.join(packageDir, file)), file).toBe(true);
    }
    expect(manifest.main).toBe("./dist/extension.cjs");
    expect(manifest.activationEvents).toContain("onLanguage:xl");
    for (const name of CONFIG_FILE_NAMES) expect(manifest.activationEvents).toContain(`workspaceContains:**/${name}`);
    expect(manifest.activationEvents).not.toContain("*");
    expect(manifest.extensionKind).toEqual(["workspace"]);
  });

  it("the typings are no newer than the oldest VS Code it claims", () => {
    const engine = (manifest.engines.vscode as string).replace(/^\^/, "");
    expect(manifest.devDependencies["@types/vscode"]).toBe(engine);
  });

  it("takes the files of /etc/xen by name, and leaves other files alone", () => {
    const language = manifest.contributes.languages[0];
    expect(language.filenamePatterns).toEqual(NAME_PATTERNS);
    const byName = (file: string) =>
      language.filenamePatterns.some((p: string) => picomatch(p, { dot: true })(file)) || language.extensions.some((e: string) => file.endsWith(e));
    for (const file of ["/etc/xen/web01", "/etc/xen/web01.cfg", "/etc/xen/auto/web01.cfg", "/usr/pkg/etc/xen/netbsd-guest", "/home/me/guests/a.xl", "/srv/b.xlcfg"]) {
      expect(byName(file), file).toBe(true);
    }
    for (const file of ["/etc/xen/scripts/vif-bridge", "/home/me/setup.cfg", "/etc/xenstored.conf", "/home/me/xen/notes.txt"]) expect(byName(file), file).toBe(false);
  });
});
