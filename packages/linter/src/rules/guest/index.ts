/** The guest rule family, in the order `xlint rules` lists them. */
import type { Rule } from "../../engine/types";
import { archSpecificKey } from "./arch-specific-key";
import { armHvm } from "./arm-hvm";
import { armPvConverted } from "./arm-pv-converted";
import { builderContradictsType } from "./builder-contradicts-type";
import { cmdlineOverridesRootExtra } from "./cmdline-overrides-root-extra";
import { cpusListLongerThanVcpus } from "./cpus-list-longer-than-vcpus";
import { cpusOutsideHost } from "./cpus-outside-host";
import { cpusWithoutVcpus } from "./cpus-without-vcpus";
import { deprecatedBuilder } from "./deprecated-builder";
import { deviceModelConflict } from "./device-model-conflict";
import { directBootWithoutKernel } from "./direct-boot-without-kernel";
import { guestTypeMismatch } from "./guest-type-mismatch";
import { hvmKernelHvmloader } from "./hvm-kernel-hvmloader";
import { implicitType } from "./implicit-type";
import { invalidBuilder } from "./invalid-builder";
import { invalidCpulist } from "./invalid-cpulist";
import { invalidFirmware } from "./invalid-firmware";
import { invalidType } from "./invalid-type";
import { invalidUuid } from "./invalid-uuid";
import { invalidVnuma } from "./invalid-vnuma";
import { kernelAndFirmware } from "./kernel-and-firmware";
import { maxvcpusBelowVcpus } from "./maxvcpus-below-vcpus";
import { memoryAboveMaxmem } from "./memory-above-maxmem";
import { missingKernel } from "./missing-kernel";
import { missingName } from "./missing-name";
import { nameFormat } from "./name-format";
import { nestedhvmWithAltp2m } from "./nestedhvm-with-altp2m";
import { nilUuid } from "./nil-uuid";
import { noMemory } from "./no-memory";
import { passthroughConflicts } from "./passthrough-conflicts";
import { passthroughOnPvh } from "./passthrough-on-pvh";
import { podConflict } from "./pod-conflict";
import { pvgrubOnPvh } from "./pvgrub-on-pvh";
import { seclabelNeedsXsm } from "./seclabel-needs-xsm";
import { timerModeOnPv } from "./timer-mode-on-pv";
import { typePrefix } from "./type-prefix";
import { unknownCpupool } from "./unknown-cpupool";
import { vcpusBelowOne } from "./vcpus-below-one";

export const guestRules: readonly Rule[] = [
  // identity
  missingName,
  nameFormat,
  invalidUuid,
  nilUuid,
  // guest type
  invalidType,
  typePrefix,
  invalidBuilder,
  builderContradictsType,
  deprecatedBuilder,
  implicitType,
  armPvConverted,
  armHvm,
  archSpecificKey,
  guestTypeMismatch,
  timerModeOnPv,
  // boot
  missingKernel,
  kernelAndFirmware,
  invalidFirmware,
  pvgrubOnPvh,
  directBootWithoutKernel,
  cmdlineOverridesRootExtra,
  hvmKernelHvmloader,
  deviceModelConflict,
  // passthrough and memory modes
  passthroughOnPvh,
  passthroughConflicts,
  podConflict,
  nestedhvmWithAltp2m,
  seclabelNeedsXsm,
  unknownCpupool,
  // vCPUs, memory, NUMA
  maxvcpusBelowVcpus,
  vcpusBelowOne,
  memoryAboveMaxmem,
  noMemory,
  invalidCpulist,
  cpusOutsideHost,
  cpusListLongerThanVcpus,
  cpusWithoutVcpus,
  invalidVnuma,
];
