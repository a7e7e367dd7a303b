import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import tsParser from '@typescript-eslint/parser';

// n8n's official community-node rules (the ruleset of @n8n/scan-community-package), on what ships.
export default [
	{
		ignores: [
			'dist/**',
			'build/**',
			'node_modules/**',
			'test/**',
			'testkit/**',
			'sandbox/**',
			'scripts/**',
			'e2e/**',
			'bench/**',
		],
	},
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { project: './tsconfig.json' } },
	},
	{
		files: ['package.json'],
		languageOptions: { parser: tsParser, parserOptions: { extraFileExtensions: ['.json'] } },
	},
	n8nCommunityNodesPlugin.configs.recommended,
];
