/**
 * Files on disk as they really are: symbolic-link loops, unreadable files, a
 * folder named like a config, FIFOs, files that vanish or change while xlint
 * runs. Each gets one line naming it, the other files are still linted, the
 * exit code says so, nothing hangs and nothing is overwritten. --verbose says
 * what was linted and what was skipped, and why.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, closeSync, cpSync, openSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { allRules } from "@xlint/linter";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigResolver } from "@xlint/files";
import { writeFixes } from "../src/lint-command";
import { lintRun } from "../src/lint-run";
import { bin, copyTree, Scratch } from "./run-xlint";

const scratch = new Scratch();
afterAll(() => scratch.dispose());

const guest = (name: string, mac: string): string => `name = "${name}"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 512\nvcpus = 1\nvif = [ "mac=${mac},bridge=xenbr0" ]\n`;

scratch.write("hosts/a/web.cfg", guest("web", "00:16:3e:00:00:01"));
scratch.write("hosts/a/db.cfg", `${guest("db", "00:16:3e:00:00:02")}memroy = 1\n`);
scratch.write("hosts/a/nested.cfg/inner.cfg", guest("inner", "00:16:3e:00:00:03"));
scratch.write("hosts/a/README", "Guests of host a.\n");
symlinkSync("loop-b.cfg", path.join(scratch.root, "hosts/a/loop-a.cfg"));
symlinkSync("loop-a.cfg", path.join(scratch.root, "hosts/a/loop-b.cfg"));
execFileSync("mkfifo", [path.join(scratch.root, "hosts/a/fifo.cfg")]);

describe("a walk over a hostile folder", () => {
  const r = scratch.run(["--format", "gcc", "--verbose", "hosts/a"]);

  it("lints every config, into a folder named like one, without hanging on the FIFO", () => {
    expect(r.stdout).toContain("hosts/a/db.cfg:7:1: warning:");
    expect(r.stderr).toContain("xlint: linted   hosts/a/nested.cfg/inner.cfg (domain config)");
    expect(r.stderr).toContain("xlint: linted   hosts/a/web.cfg (domain config)");
    expect(r.stderr).toMatch(/^3 files checked: 0 errors, 1 warning, 0 infos; 4 skipped \(--verbose says why\)$/m);
    expect(r.code).toBe(0);
  });

  it("says what it skipped and why, one line each", () => {
    expect(r.stderr).toContain("xlint: skipped  hosts/a/fifo.cfg: not a regular file (a FIFO)");
    expect(r.stderr).toContain("xlint: skipped  hosts/a/loop-a.cfg: a symbolic link (a walk does not follow links)");
    expect(r.stderr).toContain("xlint: skipped  hosts/a/loop-b.cfg: a symbolic link (a walk does not follow links)");
    expect(r.stderr).toMatch(/^xlint: skipped {2}hosts\/a\/README: not an xl config: /m);
  });
});

describe("hostile files named on the command line", () => {
  it("names a symbolic-link loop and a FIFO, lints the rest, exits 2", () => {
    const r = scratch.run(["--format", "gcc", "hosts/a/loop-a.cfg", "hosts/a/fifo.cfg", "hosts/a/db.cfg"]);
    expect(r.stderr).toContain("xlint: hosts/a/loop-a.cfg: too many levels of symbolic links\n");
    expect(r.stderr).toContain("xlint: hosts/a/fifo.cfg: not a regular file (a FIFO)\n");
    expect(r.stdout).toContain("hosts/a/db.cfg:7:1: warning:");
    expect(r.code).toBe(2);
  });

  it("walks a folder named x.cfg like any folder", () => {
    const r = scratch.run(["--format", "json", "hosts/a/nested.cfg"]);
    expect((JSON.parse(r.stdout) as { files: { path: string }[] }).files.map((f) => f.path)).toEqual(["hosts/a/nested.cfg/inner.cfg"]);
    expect(r.code).toBe(0);
  });

  it("names a file it may not read, and still lints the others", () => {
    const secret = scratch.write("locked/secret.cfg", guest("secret", "00:16:3e:00:00:09"));
    scratch.write("locked/open.cfg", guest("open", "00:16:3e:00:00:0a"));
    chmodSync(secret, 0o000);
    // Root reads everything: then the run drops to nobody, as an admin's unprivileged account would be,
    // with a copy of the built command nobody can read (the checkout may sit in a folder only root enters).
    const asRoot = process.getuid?.() === 0;
    let launcher = bin;
    if (asRoot) {
      chmodSync(scratch.root, 0o755);
      const app = path.join(scratch.root, "app");
      cpSync(path.join(path.dirname(bin), "..", "dist"), path.join(app, "dist"), { recursive: true, dereference: true });
      cpSync(bin, path.join(app, "bin", "xlint.cjs"), { dereference: true });
      launcher = path.join(app, "bin", "xlint.cjs");
    }
    const command = asRoot ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", process.execPath] : [process.execPath];
    const run = spawnSync(command[0] as string, [...command.slice(1), launcher, "--format", "gcc", "locked"], { cwd: scratch.root, encoding: "utf8", env: { PATH: process.env["PATH"] ?? "" } });
    expect(run.stderr).toContain("xlint: locked/secret.cfg: permission denied\n");
    expect(run.stderr).toMatch(/^1 file checked: 0 errors/m);
    expect(run.status).toBe(2);
  });
});

describe("the copies the --fix and fmt tests work on", () => {
  it("hold files, never links, even when the corpus is a link to a tree of links", () => {
    const real = scratch.write("linked/real/a.cfg", guest("a", "00:16:3e:00:00:31"));
    symlinkSync(real, path.join(scratch.root, "linked/real/b.cfg"));
    symlinkSync(path.join(scratch.root, "linked/real"), path.join(scratch.root, "linked/corpus"));
    copyTree(path.join(scratch.root, "linked/corpus"), path.join(scratch.root, "linked/copy"));
    writeFileSync(path.join(scratch.root, "linked/copy/b.cfg"), "changed\n");
    expect(readFileSync(real, "utf8")).toBe(guest("a", "00:16:3e:00:00:31"));
  });
});

describe("standard input that is not a file's text", () => {
  it("names it when it is a folder, and exits 2", () => {
    const folder = openSync(scratch.root, "r");
    const r = spawnSync(process.execPath, [bin, "-"], { cwd: scratch.root, stdio: [folder, "pipe", "pipe"], encoding: "utf8" });
    closeSync(folder);
    expect(r.stderr).toContain("xlint: standard input: is a directory\n");
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.status).toBe(2);
  });
});

describe("files that change under a run", () => {
  const resolver = new ConfigResolver(new Set(allRules.map((r) => r.id)), undefined, { severities: new Map(), host: {} });
  const settings = { resolver, cwd: scratch.root, sourceLines: false, jobs: 1, cpus: 1, onProgress: () => undefined };

  it("names a listed file that is gone when its turn comes, and lints the others", async () => {
    const kept = scratch.write("vanish/kept.cfg", guest("kept", "00:16:3e:00:00:11"));
    const gone = path.join(scratch.root, "vanish/gone.cfg");
    const outcome = await lintRun({ candidates: [gone, kept].map((file) => ({ file, logicalPath: file, walked: true })), context: [] }, settings);
    expect(outcome.problems).toEqual(["vanish/gone.cfg: was deleted while xlint ran (it was listed, then could not be opened)"]);
    expect([...outcome.linted()].map((f) => f.path)).toEqual(["vanish/kept.cfg"]);
    outcome.dispose();
  });

  it("does not write fixes over a file someone changed since it was read", async () => {
    const file = scratch.write("race/web.cfg", `${guest("web", "00:16:3e:00:00:12")}memroy = 1\n`);
    const original = readFileSync(file, "utf8");
    const candidate = { file, logicalPath: file, walked: false };
    const fixed = original.replace("memroy", "memory");
    writeFileSync(file, `${original}# edited by someone else\n`);
    const stdout: string[] = [];
    const problems = await writeFixes({ candidates: [candidate], inputs: [{ path: "race/web.cfg", text: original }], fixed: [{ text: fixed, count: 1 }] }, (text) => stdout.push(text));
    expect(problems).toEqual(["race/web.cfg: changed while xlint ran; its fixes were not written (run xlint again)"]);
    expect(readFileSync(file, "utf8")).toBe(`${original}# edited by someone else\n`);
  });
});
