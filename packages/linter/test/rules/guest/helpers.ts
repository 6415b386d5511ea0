/** Small helpers for the guest rule tests: lint a text, keep one rule's findings, apply fixes. */
import type { HostProfile } from "../../../src/index";
import { applyFix, covered, findings, lint } from "../lint-helpers";

export { applyFix, covered, findings, lint };

export const ARM: Partial<HostProfile> = { arch: "arm" };

