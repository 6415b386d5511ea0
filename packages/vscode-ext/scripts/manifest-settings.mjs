// The extension's settings (package.json `contributes.configuration`), made
// from the language server's own schema (packages/lsp/settings.schema.json) so
// that the two never drift: VS Code shows every `xlint.host.*` field and every
// rule's severity with the server's descriptions. test/manifest.test.ts checks
// package.json against this; `UPDATE_MANIFEST=1 npx vitest run
// packages/vscode-ext/test/manifest.test.ts` writes it.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const SCHEMA_PATH = path.resolve(here, "..", "..", "lsp", "settings.schema.json");

/** Settings of the extension alone; the client keeps them from the server (src/server-settings.ts). */
export const EXTENSION_ONLY_SETTINGS = {
  "xlint.detectByContent": {
    type: "boolean",
    default: true,
    scope: "resource",
    markdownDescription:
      "Open a `.cfg` file as an xl config when its text is one (a domain config, xl.conf or a cpupool file), even though VS Code gives `.cfg` to another language. `files.associations` still wins: a file it names is left alone.",
  },
};

/** The host facts describe the machine the configs run on: settable per machine (Remote-SSH) or per folder. */
const HOST_SCOPE = "machine-overridable";

export function manifestConfiguration(schema = JSON.parse(readFileSync(SCHEMA_PATH, "utf8"))) {
  const props = schema.properties;
  const severity = schema.definitions.severity;
  const properties = {};

  const rules = props.rules;
  properties["xlint.rules"] = {
    type: "object",
    default: {},
    scope: "resource",
    markdownDescription: `${rules.description} For example \`{"vif-missing-bridge": "off"}\`.`,
    additionalProperties: false,
    properties: Object.fromEntries(Object.entries(rules.properties).map(([id, rule]) => [id, { enum: severity.enum, description: rule.description }])),
  };

  // Every host fact defaults to null, "not stated": VS Code sends each setting with its default, and
  // a stated value would override xlint.json's field by field (even xenVersion's documented 4.17).
  for (const [field, spec] of Object.entries(props.host.properties)) {
    if (field === "fromSystem") continue;
    const { description, default: _default, ...shape } = spec;
    const entry = { ...shape, scope: HOST_SCOPE, default: null, markdownDescription: description };
    if (Array.isArray(shape.enum)) entry.enum = [...shape.enum.filter((v) => v !== null), null];
    else if (shape.type !== undefined) entry.type = [...new Set([...(Array.isArray(shape.type) ? shape.type : [shape.type]), "null"])];
    properties[`xlint.host.${field}`] = entry;
  }
  // The server's `hostFromSystem`, under the name VS Code's settings give it (the server reads both).
  const { description: fromSystemDescription, ...fromSystem } = props.hostFromSystem;
  properties["xlint.host.fromSystem"] = { ...fromSystem, scope: HOST_SCOPE, markdownDescription: fromSystemDescription };

  const { description: xlConfDescription, ...xlConf } = props.xlConf;
  properties["xlint.xlConf"] = { ...xlConf, scope: HOST_SCOPE, markdownDescription: xlConfDescription };
  properties["xlint.trace.server"] = {
    ...props.trace.properties.server,
    scope: "window",
    markdownDescription: "Log the messages between VS Code and the xlint language server in the `xlint` output channel (`messages`, or `verbose` with their contents).",
  };
  Object.assign(properties, EXTENSION_ONLY_SETTINGS);
  return { title: "xlint", properties };
}
