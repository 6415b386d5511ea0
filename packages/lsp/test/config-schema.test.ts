/**
 * settings.schema.json describes exactly what the settings parser accepts: its
 * rule ids are the linter's rules, its `host` is xlint.json's host, and over a
 * few thousand generated settings (valid, near-valid and wrong) a small JSON
 * Schema check and `parseSettings` agree on every one.
 *
 * UPDATE_SCHEMA=1 rewrites the generated parts (rule ids and summaries, host)
 * from the linter and xlint.schema.json.
 */
import { readFileSync, writeFileSync } from "node:fs";
import fc from "fast-check";
import { allRules } from "@xlint/linter";
import { describe, expect, it } from "vitest";
import { parseSettings } from "../src/config/settings";

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  $ref?: string;
  description?: string;
  default?: unknown;
  definitions?: Record<string, Schema>;
};

const SCHEMA_URL = new URL("../settings.schema.json", import.meta.url);
const XLINT_SCHEMA_URL = new URL("../../linter/schema/xlint.schema.json", import.meta.url);
const HOST_DESCRIPTION = "Facts about the dom0, like xlint.json's \"host\" (the same fields and checks), over it field by field; `bridges` is `xlint --host-bridges`.";

const HOST_FROM_SYSTEM_ALIAS = "The same as `hostFromSystem` (this is the name VS Code's settings give it: `xlint.host.fromSystem`); when both are set, `hostFromSystem` applies.";

const knownRules = new Set(allRules.map((r) => r.id));

function expectedGenerated(schema: Schema): Schema {
  const xlintHost = (JSON.parse(readFileSync(XLINT_SCHEMA_URL, "utf8")) as Schema).properties?.host as Schema;
  const ruleProperties = Object.fromEntries([...allRules].sort((a, b) => (a.id < b.id ? -1 : 1)).map((r) => [r.id, { $ref: "#/definitions/severity", description: r.summary }]));
  const properties = schema.properties as Record<string, Schema>;
  return {
    ...schema,
    properties: {
      ...properties,
      rules: { ...properties.rules, properties: ruleProperties },
      host: { ...xlintHost, properties: { ...nullableFields(xlintHost.properties ?? {}), fromSystem: hostFromSystemAlias(properties.hostFromSystem as Schema) }, default: {}, description: HOST_DESCRIPTION },
    },
  };
}

/** Every field of xlint.json's host also takes null, VS Code's "not set" (and its default, so that its defaults change nothing). */
function nullableFields(fields: Record<string, Schema>): Record<string, Schema> {
  const nullable = (field: Schema): Schema => {
    if (field.enum !== undefined) return { ...field, enum: [...field.enum, null], default: null };
    const types = Array.isArray(field.type) ? field.type : field.type !== undefined ? [field.type] : [];
    return { ...field, type: [...types, "null"], default: null };
  };
  return Object.fromEntries(Object.entries(fields).map(([key, field]) => [key, nullable(field)]));
}

/** `host.fromSystem`: VS Code's name of `hostFromSystem` (`xlint.host.fromSystem`), null when unset. */
function hostFromSystemAlias(hostFromSystem: Schema): Schema {
  return { enum: [...(hostFromSystem.enum ?? []), null], default: "auto", description: HOST_FROM_SYSTEM_ALIAS };
}

const schemaText = readFileSync(SCHEMA_URL, "utf8");
let SCHEMA = JSON.parse(schemaText) as Schema;
if (process.env["UPDATE_SCHEMA"] === "1") {
  SCHEMA = expectedGenerated(SCHEMA);
  writeFileSync(SCHEMA_URL, `${JSON.stringify(SCHEMA, null, 2)}\n`);
}

describe("settings.schema.json", () => {
  it("lists every rule, with its summary, and xlint.json's host (UPDATE_SCHEMA=1 rewrites them)", () => {
    expect(SCHEMA).toEqual(expectedGenerated(SCHEMA));
    expect(Object.keys(SCHEMA.properties?.rules?.properties ?? {})).toHaveLength(allRules.length);
  });

  it("has a check that tells valid from invalid (the agreement below is not vacuous)", () => {
    expect(validate({ rules: { "vif-missing-bridge": "off" }, host: { cpus: 4 }, xlConf: null, hostFromSystem: "on" })).toEqual([]);
    expect(validate({ rules: { "no-such-rule": "off" } })).not.toEqual([]);
    expect(validate({ host: { cpus: 0 } })).not.toEqual([]);
    expect(validate({ hostFromSystem: "sometimes" })).not.toEqual([]);
    expect(validate({ host: { fromSystem: "off", bridges: null, arch: null, cpus: null } })).toEqual([]);
    expect(validate({ host: { fromSystem: "sometimes" } })).not.toEqual([]);
  });

  it("takes VS Code's section, every setting at the schema's default, as no settings at all", () => {
    const properties = SCHEMA.properties as Record<string, Schema>;
    const hostFields = Object.entries(properties.host?.properties ?? {});
    // VS Code sends each contributed setting, nested by the dots of its name, at its default when the user set none.
    expect(hostFields.filter(([, field]) => field.default === undefined).map(([key]) => key)).toEqual([]);
    const vscodeSection = {
      rules: properties.rules?.default,
      host: Object.fromEntries(hostFields.map(([key, field]) => [key, field.default])),
      xlConf: properties.xlConf?.default,
      trace: { server: properties.trace?.properties?.server?.default },
    };
    expect(validate(vscodeSection)).toEqual([]);
    expect(parseSettings(vscodeSection, knownRules)).toEqual({ settings: parseSettings(undefined, knownRules).settings, problems: [] });
  });

  it("accepts exactly what parseSettings accepts", () => {
    const ruleIds = [...knownRules];
    // Mostly valid values, sometimes a wrong one: settings with a single mistake are the interesting ones.
    const mostly = <T, U>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) => fc.oneof({ weight: 8, arbitrary: good }, { weight: 1, arbitrary: bad });
    const severity = mostly(fc.constantFrom("error", "warning", "info", "off"), fc.constantFrom("Error", "warn", "", 2, null, true));
    const ruleId = mostly(fc.constantFrom(...ruleIds), fc.constantFrom("no-such-rule", "VIF-MISSING-BRIDGE", ""));
    const rules = mostly(fc.dictionary(ruleId, severity, { maxKeys: 3 }), fc.constantFrom(null, [], "off", 1));
    const count = mostly(fc.integer({ min: 1, max: 65536 }), fc.constantFrom(0, -1, 65537, 1.5, "4", null));
    const names = mostly(fc.array(fc.constantFrom("xenbr0", "br-dmz", "pool1", "dt_passthrough_nodes", " "), { maxLength: 3 }), fc.constantFrom([""], ["Upper"], "xenbr0", null, 3, [1], {}));
    const text = mostly(fc.constantFrom("dom0-a", "lab", "xenbr1", " x "), fc.constantFrom("", " ", "\t", null, 1, [], true));
    const version = mostly(fc.constantFrom("4.17", "4.5", "4.20"), fc.constantFrom("5.0", "4", "4.17.1", 4.17, ""));
    const hostField = fc.oneof(
      fc.record({ bridges: names }),
      fc.record({ cpupools: names }),
      fc.record({ extraKeys: names }),
      fc.record({ cpus: count }),
      fc.record({ numaNodes: count }),
      fc.record({ vndDevices: fc.oneof(count, fc.constant(0)) }),
      fc.record({ arch: mostly(fc.constantFrom("x86", "arm"), fc.constantFrom("x86_64", null)) }),
      fc.record({ os: mostly(fc.constantFrom("linux", "netbsd", "freebsd"), fc.constantFrom("windows", 1)) }),
      fc.record({ name: text }),
      fc.record({ network: text }),
      fc.record({ xenVersion: version }),
      fc.record({ defaultBridge: mostly(fc.constantFrom("xenbr1", "", " "), fc.constantFrom(null, 1)) }),
      fc.record({ defaultVifScript: mostly(fc.constantFrom("vif-route", ""), fc.constantFrom(null, [])) }),
      fc.record({ fromSystem: mostly(fc.constantFrom("off", "auto", "on", null), fc.constantFrom("On", true, 1)) }),
    );
    const hostObject = fc.array(hostField, { maxLength: 3 }).map((parts) => Object.assign({}, ...parts) as Record<string, unknown>);
    const host = mostly(hostObject, fc.oneof(fc.constantFrom(null, [], "xenbr0"), hostObject.map((h) => ({ ...h, bridge: ["xenbr0"] }))));
    const xlConf = mostly(fc.constantFrom("/etc/xen/xl.conf", "xl.conf", "", null), fc.constantFrom(1, ["/etc/xen/xl.conf"], {}));
    const hostFromSystem = mostly(fc.constantFrom("off", "auto", "on"), fc.constantFrom("On", true, null));
    const trace = mostly(fc.constantFrom({ server: "off" }, { server: "verbose" }, {}), fc.constantFrom({ server: "loud" }, { client: "off" }, "off"));
    const section = fc
      .tuple(fc.record({ rules, host, xlConf, hostFromSystem, trace }, { requiredKeys: [] }), fc.integer({ min: 0, max: 19 }))
      .map(([value, dice]) => (dice === 0 ? { ...value, hostBridges: "xenbr0" } : value));
    let valid = 0;
    fc.assert(
      fc.property(section, (value) => {
        const schemaSays = validate(value);
        const parserSays = parseSettings(value, knownRules).problems;
        if (schemaSays.length === 0) valid++;
        expect(parserSays.length === 0, `${JSON.stringify(value)}\n  schema: ${schemaSays.join("; ")}\n  parser: ${parserSays.join("; ")}`).toBe(schemaSays.length === 0);
      }),
      { numRuns: 3000, seed: 13 },
    );
    // Both kinds were generated in numbers.
    expect(valid).toBeGreaterThan(600);
    expect(valid).toBeLessThan(2400);
  });
});

/** The problems of `value` against `schema` (empty when it conforms): the keywords settings.schema.json uses. */
function validate(value: unknown, schema: Schema = SCHEMA, where = "$"): string[] {
  if (schema.$ref !== undefined) return validate(value, SCHEMA.definitions?.[schema.$ref.replace("#/definitions/", "")] ?? {}, where);
  const problems: string[] = [];
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((t) => hasType(value, t))) return [`${where}: not ${types.join(" or ")}`];
  }
  if (schema.enum !== undefined && !schema.enum.includes(value)) problems.push(`${where}: not one of ${JSON.stringify(schema.enum)}`);
  if (typeof value === "string") {
    if (schema.minLength !== undefined && [...value].length < schema.minLength) problems.push(`${where}: too short`);
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value)) problems.push(`${where}: does not match ${schema.pattern}`);
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) problems.push(`${where}: below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) problems.push(`${where}: above ${schema.maximum}`);
  }
  if (Array.isArray(value) && schema.items !== undefined) value.forEach((item, i) => problems.push(...validate(item, schema.items, `${where}[${i}]`)));
  if (isObject(value) && (schema.properties !== undefined || schema.additionalProperties !== undefined)) {
    for (const [key, item] of Object.entries(value)) {
      const property = schema.properties?.[key];
      if (property !== undefined) problems.push(...validate(item, property, `${where}.${key}`));
      else if (schema.additionalProperties === false) problems.push(`${where}: unknown property ${key}`);
      else if (typeof schema.additionalProperties === "object") problems.push(...validate(item, schema.additionalProperties, `${where}.${key}`));
    }
  }
  return problems;
}

function hasType(value: unknown, type: string): boolean {
  if (type === "null") return value === null;
  if (type === "array") return Array.isArray(value);
  if (type === "object") return isObject(value);
  if (type === "integer") return Number.isInteger(value);
  return typeof value === type;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
