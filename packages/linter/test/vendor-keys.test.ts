/**
 * Vendor keys: xlint.json's `host.extraKeys` names keys a patched xl reads
 * (`dt_passthrough_nodes` in some Arm BSPs), so `unknown-key` leaves them
 * alone and keeps reporting real typos.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { allRules, readConfigText } from "../src/index";
import { findings } from "./rules/lint-helpers";

const known = new Set(allRules.map((r) => r.id));
const VENDOR = 'name = "doma"\nkernel = "/xt/doma/Image"\ndevice_tree = "/xt/doma.dtb"\ndt_passthrough_nodes = [ "/firmware", "/ion" ]\nmemroy = 2048\n';

describe("host.extraKeys in xlint.json", () => {
  it("is read as a list of keys", () => {
    const { config, problems } = readConfigText('{ "host": { "extraKeys": ["dt_passthrough_nodes", "dt_compatible"] } }', known);
    expect(problems).toEqual([]);
    expect(config.host.extraKeys).toEqual(["dt_passthrough_nodes", "dt_compatible"]);
  });

  it("refuses what could never be a key, and says what it expects", () => {
    for (const bad of ['"dt_passthrough_nodes"', '["DT-Nodes"]', "[1]", '[""]']) {
      const { config, problems } = readConfigText(`{ "host": { "extraKeys": ${bad} } }`, known);
      expect(config.host.extraKeys, bad).toBeUndefined();
      expect(problems.map((p) => p.message), bad).toEqual([expect.stringContaining('"extraKeys" must be a list of keys a patched xl reads')]);
    }
  });

  it("is in the JSON schema", () => {
    const schema = JSON.parse(readFileSync(new URL("../schema/xlint.schema.json", import.meta.url), "utf8"));
    expect(schema.properties.host.properties.extraKeys.items.pattern).toBe("^[a-z][._0-9a-z]*$");
  });
});

describe("unknown-key with vendor keys", () => {
  it("reports a vendor key until it is declared, and a typo either way", () => {
    const before = findings(VENDOR, "unknown-key").map((d) => d.message.split("`")[1]);
    expect(before).toEqual(["dt_passthrough_nodes", "memroy"]);
    expect(findings(VENDOR, "unknown-key")[0]?.help).toContain("list it in xlint.json's `host.extraKeys`");
    const after = findings(VENDOR, "unknown-key", { extraKeys: ["dt_passthrough_nodes"] });
    expect(after.map((d) => d.message.split("`")[1])).toEqual(["memroy"]);
  });

  it("takes a declared key as read whatever the Xen release, and an xm key as read by the patched xl", () => {
    const newer = 'name = "a"\nkernel = "/k"\nnr_spis = 64\n';
    expect(findings(newer, "unknown-key")).toHaveLength(1);
    expect(findings(newer, "unknown-key", { extraKeys: ["nr_spis"] })).toEqual([]);
    const xm = 'name = "a"\nkernel = "/k"\nip = "192.0.2.1"\n';
    expect(findings(xm, "xm-only-key")).toHaveLength(1);
    expect(findings(xm, "xm-only-key", { extraKeys: ["ip"] })).toEqual([]);
  });
});
