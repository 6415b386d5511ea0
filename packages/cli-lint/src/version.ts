/** xlint's version, shown by --version and in SARIF output. */
export const VERSION = "0.1.0";
