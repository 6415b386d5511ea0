/**
 * The parts of the client that decide something without VS Code: what the
 * status bar says, the side editor of the settings xl reads, rule ids of
 * diagnostics, files.associations, and which files the content check takes
 * or hands back.
 */
import { describe, expect, it } from "vitest";
import { classifyConfigFile } from "@xlint/linter";
import { matchesAssociation } from "../src/associations";
import { dumpDocumentText } from "../src/dump-text";
import { handBackLanguage } from "../src/hand-back";
import { ruleIdOf } from "../src/rule-id";
import { withoutExtensionSettings } from "../src/server-settings";
import { describeStatus } from "../src/status-text";

describe("the status bar item", () => {
  const running = { kind: "domain", indexing: false, indexedConfigs: 12 } as const;

  it("names the guest type and where it comes from", () => {
    const view = describeStatus("running", { ...running, guestType: "pvh", guestTypeSource: "type", guestOs: "netbsd", arch: "x86" });
    expect(view.text).toBe("$(check) xl: PVH");
    expect(view.tooltip).toContain("Guest type **PVH**, from `type`.");
    expect(view.tooltip).toContain("Guest OS: netbsd.");
    expect(view.tooltip).toContain("12 configs in the workspace");
    expect(view.command).toBe("xlint.showSettingsXlReads");
  });

  it("says when the type is xl's default, and when xl refuses it", () => {
    expect(describeStatus("running", { ...running, guestType: "pv", guestTypeSource: "default" }).tooltip).toContain("xl's default");
    const refused = describeStatus("running", { ...running });
    expect(refused.text).toBe("$(check) xl: no guest type");
    expect(refused.tooltip).toContain("xl refuses");
  });

  it("shows indexing, other kinds of file, and a server that is not running", () => {
    expect(describeStatus("running", { ...running, indexing: true, guestType: "hvm", guestTypeSource: "type" }).text).toBe("$(sync~spin) xl: HVM");
    expect(describeStatus("running", { ...running, kind: "xl-conf" }).text).toBe("$(check) xl: xl.conf");
    expect(describeStatus("starting", undefined)).toMatchObject({ text: "$(sync~spin) xlint", warning: false });
    expect(describeStatus("stopped", undefined)).toMatchObject({ text: "$(circle-slash) xlint", warning: true, command: "xlint.showOutput" });
  });
});

describe("the settings xl reads", () => {
  it("puts the explanation in comments above the JSON", () => {
    const text = dumpDocumentText("web.cfg", { settingsJson: '{\n  "name": "web"\n}\n', explanation: "web.cfg\nguest type: pv (xl's default)\n" });
    expect(text).toBe(
      "// The settings xl reads from web.cfg, as its config parser (libxlu) stores them.\n//\n// web.cfg\n// guest type: pv (xl's default)\n" + '{\n  "name": "web"\n}\n',
    );
  });

  it("lists the errors when xl reads nothing", () => {
    const text = dumpDocumentText("bad.cfg", { errors: ["3:1: `Name` is not a valid key"], explanation: "bad.cfg\n" });
    expect(text).toContain("// xl refuses this file, so it reads no settings:\n// 3:1: `Name` is not a valid key\n");
    expect(text).not.toContain("{");
  });
});

describe("small decisions", () => {
  it("reads the rule id of a diagnostic's code", () => {
    expect(ruleIdOf({ value: "duplicate-mac" })).toBe("duplicate-mac");
    expect(ruleIdOf("syntax")).toBe("syntax");
    expect(ruleIdOf(undefined)).toBeUndefined();
    expect(ruleIdOf(7)).toBeUndefined();
  });

  it("matches files.associations as VS Code does", () => {
    expect(matchesAssociation("/srv/app/setup.cfg", ["setup.cfg"])).toBe(true);
    expect(matchesAssociation("/srv/app/setup.cfg", ["*.cfg"])).toBe(true);
    expect(matchesAssociation("/srv/app/setup.cfg", ["**/app/*.cfg"])).toBe(true);
    expect(matchesAssociation("/srv/app/guest.cfg", ["setup.cfg", "**/other/*.cfg"])).toBe(false);
  });

  it("takes xl configs by content and hands back only what is plainly something else", () => {
    expect(classifyConfigFile("/srv/vm/web.cfg", 'name = "web"\nmemory = 512\n').kind).toBe("domain");
    expect(classifyConfigFile("/srv/setup.cfg", "[metadata]\nname = x\n").kind).toBeUndefined();
    expect(handBackLanguage(classifyConfigFile("/etc/xen/hook", "#!/bin/sh\necho hi\n"))).toBe("shellscript");
    expect(handBackLanguage(classifyConfigFile("/etc/xen/state", '{"a": 1}\n'))).toBe("json");
    expect(handBackLanguage(classifyConfigFile("/etc/xen/new-guest", ""))).toBeUndefined();
    expect(handBackLanguage(classifyConfigFile("/etc/xen/web", 'name = "web"\n'))).toBeUndefined();
  });

  it("keeps the extension's own settings from the server, and passes errors through", () => {
    const params = { items: [{ section: "xlint" }, { section: "other" }] };
    expect(withoutExtensionSettings(params, [{ rules: {}, detectByContent: true }, { detectByContent: 1 }])).toEqual([{ rules: {} }, { detectByContent: 1 }]);
    const error = new Error("no");
    expect(withoutExtensionSettings(params, error)).toBe(error);
  });
});
