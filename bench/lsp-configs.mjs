// The configs bench/lsp.mjs opens in the language server: one long, realistic
// HVM guest of any number of lines. Real xl configs are short; a long one is
// many keys, comments, and long disk and vif lists, so that is what this
// writes. The text parses without errors and has three findings (a quoted
// number, a deprecated key, an unknown key); `marks` are the places the
// benchmark edits, completes and hovers at.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generator, pad } from "./generate-configs.mjs";

const hex2 = (n) => n.toString(16).padStart(2, "0");

/** xvda … xvdz, xvdaa … : the kth disk's vdev (xl reads any run of letters after xvd). */
function vdev(k) {
  let letters = "";
  let n = k;
  do {
    letters = String.fromCharCode(97 + (n % 26)) + letters;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return `xvd${letters}`;
}

/**
 * One HVM guest of exactly `lineCount` lines (at least 80).
 *
 * - `name`: the guest's name (and part of its disk targets);
 * - `macBase`: the vifs' MACs are 00:16:3e:BB:HH:LL with BB = macBase, HH:LL
 *   counting up; bench/lsp.mjs keeps this byte apart from the workspace's
 *   configs so that only the collisions it plants are shared.
 */
export function longConfig(lineCount, { name = `bench-${lineCount}`, macBase = 0x5a } = {}) {
  if (lineCount < 80) throw new Error(`longConfig: ${lineCount} lines is too few (at least 80)`);
  const lines = [];
  const marks = {};
  const mark = (what, column, text) => {
    const line = lines.length;
    lines.push(text);
    marks[what] = { line, character: column(text) };
  };

  lines.push(
    `# ${name}: a long HVM guest for the language server benchmark (bench/lsp.mjs).`,
    "# Written by bench/lsp-configs.mjs; each list entry is one device.",
    "#",
    "# Owner: platform team. Change requests go through the usual review.",
  );
  lines.push("", "# identity", `name = "${name}"`, 'type = "hvm"', 'uuid = "6f1c2a4e-9b3d-4c8e-a1f2-3d4e5f6a7b8c"');
  lines.push("", "# firmware and boot", 'firmware = "uefi"', 'boot = "c"', "acpi = 1", "apic = 1", "viridian = 0");
  lines.push("", "# memory and CPUs");
  mark("hoverKey", () => 2, "memory = 4096"); // on "memory"
  lines.push("maxmem = 8192");
  mark("findingEdit", (t) => t.indexOf("2"), "vcpus = 2"); // 2 → 9 (above maxvcpus) and back
  lines.push("maxvcpus = 8", '# cpus = "2-5"', "cpu_weight = 256");
  lines.push("", "# what xl does when the guest stops");
  mark("valueInside", (t) => t.indexOf("restart") + 3, 'on_crash = "restart"'); // inside the value
  mark("hoverValue", (t) => t.indexOf("destroy") + 2, 'on_poweroff = "destroy"'); // on the value
  lines.push('on_reboot = "restart"');
  // The blank line completion asks at (any key may go there).
  mark("blankLine", () => 0, "");
  lines.push("# console and display", 'serial = "pty"', "vnc = 1", 'vnclisten = "127.0.0.1"', "vncunused = 1", 'keymap = "en-us"', "stdvga = 1", "videoram = 16");
  lines.push("", "# devices", "usb = 1", 'usbdevice = "tablet"', "pci_msitranslate = 1", "xen_platform_pci = 1");
  lines.push("", "# a few findings, as real configs have them");
  lines.push("localtime = '1'"); // a quoted number
  lines.push("nographics = 1"); // not an xl key
  lines.push("");

  // Fill the rest with the disk and vif lists: 45 % disks, the rest vifs,
  // with a comment before every tenth entry (a shelf or a rack).
  const fixedTail = 4; // "disk = [", "]", "vif = [", "]"
  const footer = ["", "# end of config"];
  const room = lineCount - lines.length - fixedTail - footer.length - 1; // -1: the comment line the edit toggles
  const diskLines = Math.floor(room * 0.45);
  const vifLines = room - diskLines;

  lines.push("disk = [");
  let disk = 0;
  for (let i = 0; i < diskLines; i++) {
    if (i % 10 === 0) lines.push(`    # shelf ${i / 10}: ${i === 0 ? "system disks" : "data volumes"}`);
    else {
      const format = disk % 3 === 0 ? "qcow2" : "raw";
      const target = format === "qcow2" ? `/srv/xen/${name}/data-${disk}.qcow2` : `/dev/vg-bench/${name}-d${disk}`;
      lines.push(`    "format=${format}, vdev=${vdev(disk)}, access=rw, target=${target}",`);
      disk++;
    }
  }
  lines.push("]");

  // The comment the keep-the-findings edit toggles (one letter, a ↔ b).
  mark("commentEdit", (t) => t.indexOf("a:"), "# network, rack a: one vif per bridge");
  lines.push("vif = [");
  let vif = 0;
  for (let i = 0; i < vifLines; i++) {
    if (i % 10 === 0) lines.push(`    # rack ${i / 10}`);
    else {
      const mac = `00:16:3e:${hex2(macBase)}:${hex2((vif >> 8) & 0xff)}:${hex2(vif & 0xff)}`;
      const model = vif % 3 === 0 ? ",model=e1000" : "";
      lines.push(`    "mac=${mac},bridge=xenbr${vif % 4}${model},rate=100Mb/s",`);
      vif++;
    }
  }
  lines.push("]");
  lines.push(...footer);
  if (lines.length !== lineCount) throw new Error(`longConfig: wrote ${lines.length} lines, not ${lineCount}`);
  const firstMac = `00:16:3e:${hex2(macBase)}:00:00`;
  return { text: `${lines.join("\n")}\n`, marks, firstMac, disks: disk, vifs: vif };
}

/**
 * The workspace of bench/lsp.mjs's second part, under `dir`: `count` configs
 * of bench:cli's generator in guests/dNNN/gNNNNN.cfg (100 per folder), and
 * open/bench-ws.cfg, the long config the editor has open (`open`, from
 * longConfig). A few unopened configs, spread over the workspace, take the
 * open config's first MAC: the cross-file duplicate-mac the server can only
 * find through its index. Returns the open file's path and the planted files.
 */
export function writeWorkspace(dir, count, open) {
  const config = generator("unique");
  const planted = new Set([Math.floor(count * 0.17), Math.floor(count * 0.53), count - 2].filter((i) => i >= 0));
  const plantedPaths = [];
  let bytes = 0;
  let folder;
  for (let i = 0; i < count; i++) {
    if (i % 100 === 0) {
      folder = path.join(dir, "guests", `d${pad(i / 100, 3)}`);
      mkdirSync(folder, { recursive: true });
    }
    let text = config(i);
    const file = path.join(folder, `g${pad(i, 5)}.cfg`);
    if (planted.has(i)) {
      text = text.replace(/mac=[0-9a-f:]+/, `mac=${open.firstMac}`);
      plantedPaths.push(file);
    }
    writeFileSync(file, text);
    bytes += Buffer.byteLength(text);
  }
  const openPath = path.join(dir, "open", "bench-ws.cfg");
  mkdirSync(path.dirname(openPath), { recursive: true });
  writeFileSync(openPath, open.text);
  bytes += Buffer.byteLength(open.text);
  return { openPath, plantedPaths, bytes };
}
