/** Linting one xl.conf or cpupool file through the public surface, as the CLI will. */
import { allRules, DEFAULT_HOST, lintFiles, type Diagnostic, type FileKind, type HostProfile } from "../../../src/index";

export function lintKind(text: string, kind: FileKind, path = kind === "xl-conf" ? "/etc/xen/xl.conf" : "/etc/xen/pool-db.cfg", host: Partial<HostProfile> = {}): readonly Diagnostic[] {
  const [result] = lintFiles([{ path, text, kind }], { rules: allRules, host: { ...DEFAULT_HOST, ...host } });
  return result?.diagnostics ?? [];
}

export function xlConf(text: string, rule: string, host: Partial<HostProfile> = {}): readonly Diagnostic[] {
  return lintKind(text, "xl-conf", undefined, host).filter((d) => d.rule === rule);
}

export function pool(text: string, rule: string, host: Partial<HostProfile> = {}, path?: string): readonly Diagnostic[] {
  return lintKind(text, "cpupool", path, host).filter((d) => d.rule === rule);
}
