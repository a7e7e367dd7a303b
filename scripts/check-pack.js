// Checks what `npm pack` would ship: the compiled node and credentials with their icons and codex,
// README and LICENSE, and nothing else (no TypeScript sources, tests, sandbox or scripts).
const { execFileSync } = require('node:child_process');

const [pack] = JSON.parse(
	execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8' }),
);
const files = pack.files.map((f) => f.path).sort();
const required = [
	'dist/nodes/HubSpotGoalTargets/HubSpotGoalTargets.node.js',
	'dist/nodes/HubSpotGoalTargets/HubSpotGoalTargets.node.json',
	'dist/nodes/HubSpotGoalTargets/hubspot.svg',
	'dist/nodes/HubSpotGoalTargets/hubspot.dark.svg',
	'dist/credentials/HubSpotGoalTargetsTokenApi.credentials.js',
	'dist/credentials/HubSpotGoalTargetsOAuth2Api.credentials.js',
	'dist/credentials/hubspot.svg',
	'dist/credentials/hubspot.dark.svg',
	'package.json',
	'README.md',
	'LICENSE',
];
const missing = required.filter((file) => !files.includes(file));
const unexpected = files.filter(
	(file) =>
		!['package.json', 'README.md', 'LICENSE'].includes(file) &&
		!/^dist\/(nodes|credentials)\/.*\.(js|json|svg)$/.test(file),
);
console.log(
	`npm pack: ${files.length} files, ${pack.size} bytes packed (${pack.unpackedSize} unpacked)`,
);
if (missing.length || unexpected.length) {
	if (missing.length) console.error(`missing from the package: ${missing.join(', ')}`);
	if (unexpected.length) console.error(`should not be in the package: ${unexpected.join(', ')}`);
	process.exit(1);
}
console.log('npm pack: compiled node, credentials, icons and codex present; no sources or tests');
