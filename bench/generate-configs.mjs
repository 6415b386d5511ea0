// The configs the command benchmarks lint (bench/cli.mjs, bench/scale.mjs),
// from a deterministic generator, so that every run lints the same files and
// bench:cli's 10,000 are the first 10,000 of bench:scale's "unique" set.

// A small deterministic generator (mulberry32), so every run lints the same files.
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const hex2 = (n) => n.toString(16).padStart(2, "0");
export const pad = (n, width) => String(n).padStart(width, "0");
export const TEMPLATES = 80;
const MISTAKES = ["memroy = 2048", 'on_reboot = "reboot"', 'disk += [ "phy:/dev/vg0/extra,0x301,w" ]', "vcpus = '2'"];
const uniqueMac = (i) => `00:16:3e:${hex2((i >> 16) & 0xff)}:${hex2((i >> 8) & 0xff)}:${hex2(i & 0xff)}`;

/**
 * The config generator of one shape: call the result with i = 0, 1, 2, … in
 * order (it draws from one random stream), so a smaller set is always the start
 * of a larger one.
 */
export function generator(shape) {
  const rnd = random(shape === "unique" ? 0x5eed_2026 : 0x5ca1_e202);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const uuid = () => [8, 4, 4, 4, 12].map((n) => Array.from({ length: n }, () => pick("0123456789abcdef".split(""))).join("")).join("-");
  const boot = (lines, type) => {
    if (type === "hvm") lines.push('firmware = "uefi"', "vnc = 1", 'vnclisten = "127.0.0.1"', 'serial = "pty"');
    else lines.push('kernel = "/boot/vmlinuz-6.1.0-xen"', 'ramdisk = "/boot/initrd.img-6.1.0-xen"', 'cmdline = "root=/dev/xvda1 ro console=hvc0"');
  };

  if (shape === "unique") {
    // bench/cli.mjs's config(i), draw for draw.
    return (i) => {
      const type = pick(["pv", "pvh", "pvh", "hvm", "hvm"]);
      const role = pick(["web", "db", "cache", "build", "mail", "proxy", "dns", "ci"]);
      const name = `${role}${pad(i, 5)}`;
      const lines = [`# ${role} guest ${i}, managed by the platform team`, `name = "${name}"`, `type = "${type}"`];
      boot(lines, type);
      const memory = pick([512, 1024, 2048, 4096]);
      lines.push(`memory = ${memory}`, `maxmem = ${memory * 2}`, `vcpus = ${pick([1, 2, 4])}`, "maxvcpus = 8");
      lines.push('on_crash = "restart"', 'on_poweroff = "destroy"');
      lines.push(`uuid = "${uuid()}"`);
      lines.push("disk = [", `    "format=raw, vdev=xvda, access=rw, target=/dev/vg0/${name}-root",`, `    "format=qcow2, vdev=xvdb, access=rw, target=/srv/xen/${name}-data.qcow2",`, "]");
      lines.push(`vif = [ "mac=${uniqueMac(i)},bridge=${pick(["xenbr0", "xenbr0", "br-dmz"])},rate=100Mb/s" ]`);
      // One config in ten carries a mistake people make.
      if (i % 10 === 3) lines.push(pick(MISTAKES));
      return `${lines.join("\n")}\n`;
    };
  }

  // shared: 80 templates; every clone keeps the template's root image, most keep its MAC.
  const templates = Array.from({ length: TEMPLATES }, (_, t) => {
    const memory = pick([512, 1024, 2048, 4096]);
    return {
      id: pad(t, 2),
      type: pick(["pv", "pvh", "pvh", "hvm", "hvm"]),
      role: pick(["web", "db", "cache", "build", "mail", "proxy", "dns", "ci"]),
      memory,
      vcpus: pick([1, 2, 4]),
      bridge: pick(["xenbr0", "xenbr0", "br-dmz"]),
      mac: `00:16:3e:7f:00:${hex2(t)}`, // never one of uniqueMac's (those have 00 or 01 in the 4th byte)
    };
  });
  const nameOf = (i) => `${templates[i % TEMPLATES].role}${pad(i, 5)}`;
  return (i) => {
    const t = templates[i % TEMPLATES];
    const clone = Math.floor(i / TEMPLATES); // the how-many-th clone of its template
    const name = i % 50 === 49 ? nameOf(i - 1) : nameOf(i); // a few duplicate-name pairs
    const mac = clone % 8 === 7 ? uniqueMac(i) : t.mac;
    const lines = [`# ${t.role} guest ${i}, cloned from template tpl-${t.id}`, `name = "${name}"`, `type = "${t.type}"`];
    boot(lines, t.type);
    lines.push(`memory = ${t.memory}`, `maxmem = ${t.memory * 2}`, `vcpus = ${t.vcpus}`, "maxvcpus = 8");
    lines.push('on_crash = "restart"', 'on_poweroff = "destroy"');
    lines.push(`uuid = "${uuid()}"`);
    lines.push("disk = [", `    "format=raw, vdev=xvda, access=rw, target=/srv/xen/tpl-${t.id}-root.img",`, `    "format=qcow2, vdev=xvdb, access=rw, target=/srv/xen/${nameOf(i)}-data.qcow2",`, "]");
    lines.push(`vif = [ "mac=${mac},bridge=${t.bridge},rate=100Mb/s" ]`);
    if (i % 10 === 3) lines.push(pick(MISTAKES));
    return `${lines.join("\n")}\n`;
  };
}
