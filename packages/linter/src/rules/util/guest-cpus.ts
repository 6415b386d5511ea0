/**
 * vCPU counts, memory sizes and vNUMA as xl_parse.c combines them: the
 * number of vCPUs xl sizes its affinity arrays with comes from `maxvcpus`,
 * else the vNUMA nodes, else `vcpus` (0 when none is set, which makes xl
 * skip `cpus` altogether), and `maxmem` defaults to the vNUMA total.
 */
import { fileCache } from "../../engine/file-caches";
import { fileRangeOf, parseVnuma, specItemsOf, type Evaluation, type EvalValue, type ListProblem, type Range, type VnumaConfig } from "@xlint/parser";
import type { GuestType } from "../../engine/guest-type";
import type { HostProfile } from "../../engine/host";
import type { FileContext } from "../../engine/types";
import { longSetting, toCInt } from "./guest-settings";
import { rangeOfValue, settingRange, specOfAtom } from "./settings";

export interface VnumaReading {
  readonly config: VnumaConfig;
  /** xl stops on one of the problems before using the nodes. */
  readonly fatal: boolean;
}

const vnumaCache = fileCache<{ host: HostProfile; type: GuestType | undefined; reading: VnumaReading | undefined }>();

/** The `vnuma` list as xl reads it (a plain string is skipped by xl: undefined), parsed once per file. */
export function vnumaOf(context: FileContext): VnumaReading | undefined {
  const cached = vnumaCache.get(context.evaluation);
  if (cached && cached.host === context.host && cached.type === context.guest.type) return cached.reading;
  const reading = readVnuma(context);
  vnumaCache.set(context.evaluation, { host: context.host, type: context.guest.type, reading });
  return reading;
}

function readVnuma(context: FileContext): VnumaReading | undefined {
  const setting = context.setting("vnuma");
  if (!setting || setting.value.kind !== "list" || setting.value.items.length === 0) return undefined;
  const maxvcpus = longSetting(context, "maxvcpus");
  const maxmem = longSetting(context, "maxmem");
  const memory = longSetting(context, "memory");
  const maxVcpus = maxvcpus ? Number(toCInt(maxvcpus.value)) : 0;
  const config = parseVnuma(specItemsOf(setting.value), {
    ...(maxVcpus !== 0 ? { maxVcpus } : {}),
    ...(maxmem ? { maxMemMiB: maxmem.value } : {}),
    ...(memory ? { memoryMiB: memory.value } : {}),
    ...(context.guest.type ? { guestType: context.guest.type } : {}),
    ...(context.host.numaNodes !== undefined ? { hostNodes: context.host.numaNodes } : {}),
    // libxl sizes its CPU maps with the host's CPU count too, so one number serves both.
    ...(context.host.cpus !== undefined ? { hostCpus: context.host.cpus, hostMaxCpus: context.host.cpus } : {}),
  });
  return { config, fatal: config.problems.some((p) => p.effect === "fatal") };
}

/** The file range a vNUMA problem points at: the item of its path, and inside it the span when it has one. */
export function vnumaProblemRange(context: FileContext, problem: ListProblem): Range {
  const setting = context.setting("vnuma");
  if (!setting) return context.parse.lines.range(0, 0);
  let value: EvalValue = setting.value;
  for (const index of problem.path) {
    if (value.kind !== "list") break;
    const next: EvalValue | undefined = value.items[index];
    if (!next) break;
    value = next;
  }
  if (value.kind === "string" && value.parts.length === 1 && problem.span.end > problem.span.start && problem.path.length > 0) {
    const atom = value.parts[0];
    if (atom) return fileRangeOf(specOfAtom(atom), problem.span, context.parse.lines);
  }
  return rangeOfValue(value) ?? settingRange(setting);
}

export interface VcpuCounts {
  /** `vcpus` as xl reads it (xl's variable starts at 0 when the key is absent). */
  readonly vcpus: bigint;
  readonly vcpusRange: Range | undefined;
  /** The maximum xl works with after its defaults (0 when nothing sets it). */
  readonly max: bigint;
  /** What set the maximum. */
  readonly maxFrom: "maxvcpus" | "vnuma" | "vcpus" | "nothing";
  readonly maxRange: Range | undefined;
}

/**
 * The vCPU counts as xl computes them, or undefined when xl stops before
 * (a negative `vcpus`, or a vNUMA problem it refuses).
 */
export function vcpuCounts(context: FileContext): VcpuCounts | undefined {
  // Many rules ask; the answer depends on the file, its guest type and host (through vNUMA).
  const cached = countsCache.get(context.evaluation);
  if (cached && cached.host === context.host && cached.type === context.guest.type) return cached.counts;
  const counts = readVcpuCounts(context);
  countsCache.set(context.evaluation, { host: context.host, type: context.guest.type, counts });
  return counts;
}

const countsCache = fileCache<{ host: HostProfile; type: GuestType | undefined; counts: VcpuCounts | undefined }>();

function readVcpuCounts(context: FileContext): VcpuCounts | undefined {
  const vcpusSetting = longSetting(context, "vcpus");
  const vcpus = vcpusSetting?.value ?? 0n;
  if (vcpus < 0n) return undefined;
  const maxvcpus = longSetting(context, "maxvcpus");
  const base = { vcpus, vcpusRange: vcpusSetting?.range };
  if (maxvcpus && toCInt(maxvcpus.value) !== 0n) return { ...base, max: toCInt(maxvcpus.value), maxFrom: "maxvcpus", maxRange: maxvcpus.range };
  const vnuma = vnumaOf(context);
  const vnumaSetting = context.setting("vnuma");
  if (vnuma && vnumaSetting) {
    if (vnuma.fatal) return undefined;
    if (vnuma.config.totalVcpus !== 0n) {
      return { ...base, max: toCInt(vnuma.config.totalVcpus), maxFrom: "vnuma", maxRange: rangeOfValue(vnumaSetting.value) ?? settingRange(vnumaSetting) };
    }
  }
  if (vcpusSetting) return { ...base, max: toCInt(vcpus), maxFrom: "vcpus", maxRange: vcpusSetting.range };
  return { ...base, max: 0n, maxFrom: "nothing", maxRange: undefined };
}

export interface MemorySizes {
  readonly memory: { value: bigint; range: Range } | undefined;
  /** `maxmem`, or the vNUMA total that stands for it. */
  readonly maxmem: { value: bigint; range: Range; fromVnuma: boolean } | undefined;
}

/** `memory` and the maximum libxl compares it with. */
export function memorySizes(context: FileContext): MemorySizes {
  const memory = longSetting(context, "memory");
  const maxmem = longSetting(context, "maxmem");
  if (maxmem) return { memory, maxmem: { ...maxmem, fromVnuma: false } };
  const vnuma = vnumaOf(context);
  const setting = context.setting("vnuma");
  if (vnuma && !vnuma.fatal && setting) {
    const range = rangeOfValue(setting.value) ?? settingRange(setting);
    return { memory, maxmem: { value: vnuma.config.totalMiB, range, fromVnuma: true } };
  }
  return { memory, maxmem: undefined };
}

/**
 * Whether libxl starts the guest in populate-on-demand mode: not PV, and
 * `memory` below the maximum (both must be set; each defaults to the other).
 */
export function podEnabled(context: FileContext, type: GuestType): boolean {
  if (type === "pv") return false;
  const { memory, maxmem } = memorySizes(context);
  return memory !== undefined && maxmem !== undefined && memory.value < maxmem.value;
}
