/**
 * Facts about the dom0 that some rules need and a config file cannot tell:
 * which bridges exist, what xl.conf makes the vif defaults, the architecture.
 * The CLI and the language server fill it from flags, the config file, or the
 * machine; the linter only reads it.
 */
export interface HostProfile {
  readonly arch: "x86" | "arm";
  /** The bridges that exist on the host; undefined when unknown (then no bridge is reported missing). */
  readonly bridges: readonly string[] | undefined;
  /** xl.conf `vif.default.bridge`; undefined means xl's built-in default, `xenbr0`. */
  readonly defaultBridge: string | undefined;
  /** xl.conf `vif.default.script`; undefined means `vif-bridge`. */
  readonly defaultVifScript: string | undefined;
}

export const DEFAULT_HOST: HostProfile = {
  arch: "x86",
  bridges: undefined,
  defaultBridge: undefined,
  defaultVifScript: undefined,
};

/** The bridge a vif without `bridge=` is attached to. */
export function effectiveDefaultBridge(host: HostProfile): string {
  return host.defaultBridge ?? "xenbr0";
}
