/** The language id the manifest contributes, and the selector of the documents the server gets. */
export const XL_LANGUAGE = "xl";

export const XL_DOCUMENTS = [
  { scheme: "file", language: XL_LANGUAGE },
  { scheme: "untitled", language: XL_LANGUAGE },
];

/** The name of the diagnostics' source, as the server sets it. */
export const DIAGNOSTIC_SOURCE = "xlint";

/** The manifest's `filenamePatterns` of the language (test/manifest.test.ts holds the two equal). */
export const NAME_PATTERNS = ["**/etc/xen/*", "**/etc/xen/auto/*", "**/pkg/etc/xen/*"];
