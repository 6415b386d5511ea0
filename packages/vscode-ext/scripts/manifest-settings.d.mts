/** Types of manifest-settings.mjs (a plain script, so the build and the tests share it without compiling). */
export declare const SCHEMA_PATH: string;
export declare const EXTENSION_ONLY_SETTINGS: Record<string, Record<string, unknown>>;
export interface ManifestConfiguration {
  readonly title: string;
  readonly properties: Record<string, { default?: unknown; properties?: Record<string, unknown>; [key: string]: unknown }>;
}
export declare function manifestConfiguration(schema?: unknown): ManifestConfiguration;
