// Types for the dev-tool modules the scripts use that ship none.

declare module '@n8n/scan-community-package/scanner/scanner.mjs' {
	export interface ScanResult {
		passed: boolean;
		message?: string;
		details?: string;
	}
	/** n8n's scan: its ESLint config (community-node rules, eslint-plugin-n8n-nodes-base, no-console) on a folder. */
	export function analyzePackage(packageDir: string, filePatterns?: string[]): Promise<ScanResult>;
	/** What the scan lints in the provenance-attested source checkout. */
	export const SOURCE_FILE_PATTERNS: string[];
}

declare module 'js-yaml' {
	export function load(text: string): unknown;
	export function dump(value: unknown, options?: { lineWidth?: number }): string;
}
