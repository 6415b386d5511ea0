// Types for setup-code-server.mjs (a plain script so that it runs with node alone).
export declare const CODE_SERVER_VERSION: string;
export declare const CHROMIUM: string;
export declare function codeServerDir(): string;
export declare function codeServerEntry(dir?: string): string;
export declare function isCodeServerInstalled(dir?: string): boolean;
export declare function missingPrerequisites(): string[];
export declare function ensureCodeServer(options?: { dir?: string; log?: (line: string) => void }): { dir: string; entry: string };
