/**
 * The host scope of the cross-file rules. A repository may keep the configs
 * of several dom0s (one folder per host): guests of different hosts may share
 * a name, a UUID or a local disk path without harm, so those are compared
 * only among the files of one host. A file's host is its `HostProfile.name`:
 * the nearest xlint.json's `host.name`, or a folder that an xlint.json
 * declares a host with `"hosts": ["dom0s/*"]` (resolved per file by the
 * caller, see `hostFolderMatcher`). Files without a name share one unnamed host.
 *
 * MAC addresses meet on the network rather than on the host: bridges of
 * different hosts often join one LAN, so MACs are compared across all hosts,
 * unless files state `host.network`; then only among files of the same
 * network (files without one share one unnamed network).
 */
import picomatch from "picomatch";
import type { HostProfile } from "./host";

/**
 * A key to prefix a compared value with, so that values of different hosts
 * never meet: empty for the unnamed host (so a run without hosts groups
 * exactly as before). `\u0000` cannot occur in a host name read from JSON
 * config without an escape, and a clash would only merge two groups.
 */
export function hostScopeKey(host: string | undefined): string {
  return host === undefined ? "" : `${host}\u0000`;
}

/** The scope of a file's values, kept in its facts: the host's name, if any. */
export function hostOf(profile: HostProfile): string | undefined {
  return profile.name;
}

/** The scope of a file's MAC addresses, kept in its facts: the network's name, if any. */
export function networkOf(profile: HostProfile): string | undefined {
  return profile.network;
}

/**
 * `"hosts"` globs of one xlint.json, anchored at its folder: given a folder's
 * path relative to that xlint.json (`/` separators), the host folder it lies
 * in (the shortest leading part of the path that a glob matches), or
 * undefined. `["dom0s/*"]` makes `dom0s/alpha/web` lie in host `dom0s/alpha`.
 */
export function hostFolderMatcher(patterns: readonly string[]): (relativeDir: string) => string | undefined {
  if (patterns.length === 0) return () => undefined;
  const isMatch = picomatch(
    patterns.map((p) => p.replace(/^\.\//, "").replace(/\/+$/, "")),
    { dot: true },
  );
  return (relativeDir) => {
    const parts = relativeDir.split("\\").join("/").split("/").filter((p) => p !== "" && p !== ".");
    if (parts[0] === "..") return undefined;
    for (let i = 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join("/");
      if (isMatch(prefix)) return prefix;
    }
    return undefined;
  };
}
