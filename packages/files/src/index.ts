/**
 * @xlint/files: what the xlint command and the language server both need of
 * the file system and the host they run on. Pure packages (parser, linter)
 * never touch files; this one does, so that the command and the server find,
 * read and configure files the same way.
 */
export * from "./config-files";
export * from "./discover";
export * from "./docs-base";
export * from "./gitignore";
export * from "./host-system";
export * from "./read-file";
export * from "./repo-context";
export * from "./xl-conf";
