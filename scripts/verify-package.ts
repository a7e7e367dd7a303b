/**
 * `npm run verify:package`: what n8n checks before it lists (and verifies) a community node, run locally on
 * the package `npm pack` makes from the current build.
 *
 * - package.json: the fields n8n's scanner and installer read;
 * - the scan itself: @n8n/scan-community-package's own ESLint config (n8n's community-node rules,
 *   eslint-plugin-n8n-nodes-base's node/credential/package rules, no-console, inline disables ignored) on the
 *   source files it lints in the attested checkout and on the tarball's .js and package.json, as it does;
 * - codex: each node's .node.json next to it, naming the node, with categories from n8n's list;
 * - icons: each node and credential declares a light and a dark SVG, both in the tarball, and they differ.
 *
 * Only the provenance check (a property of the npm registry entry) and the download are not reproduced.
 * usage: tsx scripts/verify-package.ts [--root <package folder>]  (the folder must hold a build in dist/)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const REPO = resolve(__dirname, '..');
const rootArg = process.argv.indexOf('--root');
const ROOT = rootArg > 0 ? resolve(process.argv[rootArg + 1]) : REPO;

/** n8n's node-panel categories (docs: "Node codex files"); n8n's own nodes spell the marketing one "Marketing". */
const CODEX_CATEGORIES = [
	'Analytics',
	'Communication',
	'Data & Storage',
	'Development',
	'Finance & Accounting',
	'Marketing',
	'Marketing & Content',
	'Miscellaneous',
	'Productivity',
	'Sales',
	'Utility',
];
/** Lifecycle scripts that run on install; @n8n/eslint-plugin-community-nodes' no-forbidden-lifecycle-scripts list. */
const FORBIDDEN_SCRIPTS = [
	'preinstall',
	'install',
	'postinstall',
	'prepare',
	'preprepare',
	'postprepare',
	'prepublish',
];

const failures: string[] = [];
function check(name: string, ok: boolean, detail = ''): boolean {
	if (!ok) failures.push(`${name}${detail ? `: ${detail}` : ''}`);
	console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail && !ok ? ` — ${detail}` : ''}`);
	return ok;
}

function packageJsonChecks(pj: any): void {
	check(
		'name starts with n8n-nodes- (or @scope/n8n-nodes-)',
		/^(@[a-z0-9-~][a-z0-9-._~]*\/)?n8n-nodes-[a-z0-9-._~]+$/.test(pj.name ?? ''),
		pj.name,
	);
	check(
		'version is a semantic version',
		/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(pj.version ?? ''),
		pj.version,
	);
	check(
		'keywords include n8n-community-node-package',
		Array.isArray(pj.keywords) && pj.keywords.includes('n8n-community-node-package'),
	);
	check('description is set', typeof pj.description === 'string' && pj.description.length > 0);
	check('license is set', typeof pj.license === 'string' && pj.license.length > 0);
	check('author has a name and an email', !!pj.author?.name && /@/.test(pj.author?.email ?? ''));
	check('homepage is set', /^https:\/\//.test(pj.homepage ?? ''), pj.homepage);
	const repoUrl = typeof pj.repository === 'string' ? pj.repository : pj.repository?.url;
	check(
		'repository.url is a GitHub repository (npm provenance and n8n fetch the source from it)',
		/^(git\+)?https:\/\/github\.com\/[^/]+\/[^/]+?(\.git)?$/.test(repoUrl ?? ''),
		repoUrl,
	);
	check(
		'files ships dist',
		Array.isArray(pj.files) && pj.files.includes('dist'),
		JSON.stringify(pj.files),
	);
	check('n8n.n8nNodesApiVersion is 1', pj.n8n?.n8nNodesApiVersion === 1);
	check('n8n.strict is true', pj.n8n?.strict === true);
	check('n8n.nodes lists the nodes', Array.isArray(pj.n8n?.nodes) && pj.n8n.nodes.length > 0);
	check('n8n.credentials is a list', Array.isArray(pj.n8n?.credentials));
	check(
		'no runtime dependencies',
		Object.keys(pj.dependencies ?? {}).length === 0,
		Object.keys(pj.dependencies ?? {}).join(', '),
	);
	check(
		'peerDependencies: n8n-workflow only',
		JSON.stringify(Object.keys(pj.peerDependencies ?? {})) === '["n8n-workflow"]',
		JSON.stringify(pj.peerDependencies),
	);
	const lifecycle = Object.keys(pj.scripts ?? {}).filter((s) => FORBIDDEN_SCRIPTS.includes(s));
	check('no install-time lifecycle scripts', lifecycle.length === 0, lifecycle.join(', '));
	check('no overrides', pj.overrides === undefined);
}

/** npm pack into a scratch folder and unpack it there; returns the unpacked folder and the file list. */
function packAndUnpack(scratch: string): { dir: string; files: string[] } {
	const out = execFileSync(
		'npm',
		['pack', '--json', '--ignore-scripts', `--pack-destination=${scratch}`],
		{ cwd: ROOT, encoding: 'utf8' },
	);
	const [info] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
	const dir = join(scratch, 'package');
	mkdirSync(dir);
	execFileSync('tar', ['-xzf', join(scratch, info.filename), '-C', dir, '--strip-components=1']);
	return { dir, files: info.files.map((f) => f.path) };
}

function readIcon(baseDir: string, icon: unknown): string | undefined {
	if (typeof icon !== 'string' || !icon.startsWith('file:')) return undefined;
	const file = join(baseDir, icon.slice('file:'.length));
	return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

function iconChecks(label: string, baseDir: string, icon: any): void {
	const themed = typeof icon === 'object' && icon !== null && 'light' in icon && 'dark' in icon;
	check(`${label}: icon has light and dark variants`, themed, JSON.stringify(icon));
	if (!themed) return;
	const light = readIcon(baseDir, icon.light);
	const dark = readIcon(baseDir, icon.dark);
	check(
		`${label}: light icon ${icon.light} is an SVG in the package`,
		!!light && /<svg[\s>]/.test(light),
	);
	check(
		`${label}: dark icon ${icon.dark} is an SVG in the package`,
		!!dark && /<svg[\s>]/.test(dark),
	);
	check(`${label}: light and dark icons differ`, !!light && !!dark && light !== dark);
}

function codexChecks(
	packageName: string,
	nodeFile: string,
	description: any,
	files: string[],
	dir: string,
): void {
	const codexFile = nodeFile.replace(/\.js$/, '.json');
	const label = `codex ${codexFile}`;
	if (!check(`${label} is in the package`, files.includes(codexFile))) return;
	const codex = JSON.parse(readFileSync(join(dir, codexFile), 'utf8'));
	check(
		`${label}: node is ${packageName}.${description.name}`,
		codex.node === `${packageName}.${description.name}`,
		codex.node,
	);
	check(
		`${label}: codexVersion and nodeVersion are set`,
		typeof codex.codexVersion === 'string' && typeof codex.nodeVersion === 'string',
	);
	const categories: unknown[] = Array.isArray(codex.categories) ? codex.categories : [];
	const unknown = categories.filter((c) => !CODEX_CATEGORIES.includes(String(c)));
	check(
		`${label}: categories from n8n's list`,
		categories.length > 0 && unknown.length === 0,
		`${JSON.stringify(codex.categories)}; allowed: ${CODEX_CATEGORIES.join(', ')}`,
	);
	const subKeys = Object.keys(codex.subcategories ?? {});
	check(
		`${label}: subcategories belong to its categories`,
		subKeys.every((k) => categories.includes(k)),
		subKeys.join(', '),
	);
	const docs: any[] = codex.resources?.primaryDocumentation ?? [];
	check(
		`${label}: primary documentation links are https`,
		docs.length > 0 && docs.every((d) => /^https:\/\//.test(d?.url ?? '')),
	);
}

/** Loads the compiled classes from the unpacked tarball (n8n-workflow from the repo's node_modules, as n8n provides its own). */
function loadClass(file: string): any {
	const mod = require(file);
	const Cls = Object.values(mod).find((v) => typeof v === 'function') as any;
	return Cls ? new Cls() : undefined;
}

async function main(): Promise<void> {
	const started = Date.now();
	const pj = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
	console.log(`verifying ${pj.name}@${pj.version} in ${ROOT}`);
	packageJsonChecks(pj);
	for (const f of [...(pj.n8n?.nodes ?? []), ...(pj.n8n?.credentials ?? [])]) {
		if (!existsSync(join(ROOT, f))) throw new Error(`${f} is missing: build first (npm run build)`);
	}

	const scratch = mkdtempSync(join(tmpdir(), 'verify-package-'));
	// the scanner makes a temp folder when loaded: keep it in ours
	process.env.TMPDIR = scratch;
	try {
		const { dir, files } = packAndUnpack(scratch);
		check(
			'package ships LICENSE and README.md',
			files.includes('LICENSE') || files.includes('LICENSE.md'),
			files.filter((f) => !f.startsWith('dist/')).join(', '),
		);
		for (const f of [...pj.n8n.nodes, ...(pj.n8n.credentials ?? [])])
			check(`package holds ${f}`, files.includes(f));

		const { analyzePackage, SOURCE_FILE_PATTERNS } =
			await import('@n8n/scan-community-package/scanner/scanner.mjs');
		const source = await analyzePackage(ROOT, SOURCE_FILE_PATTERNS);
		check(
			`n8n scan, source (${SOURCE_FILE_PATTERNS.join(' ')})`,
			source.passed,
			`${source.message ?? ''}\n${source.details ?? ''}`,
		);
		const dist = await analyzePackage(dir, ['**/*.js', 'package.json']);
		check(
			'n8n scan, tarball (**/*.js package.json)',
			dist.passed,
			`${dist.message ?? ''}\n${dist.details ?? ''}`,
		);

		symlinkSync(
			join(existsSync(join(ROOT, 'node_modules')) ? ROOT : REPO, 'node_modules'),
			join(dir, 'node_modules'),
			'dir',
		);
		for (const f of pj.n8n.nodes as string[]) {
			if (!files.includes(f)) continue;
			const description = loadClass(join(dir, f))?.description;
			if (!check(`${f} exports a node class with a description`, !!description?.name)) continue;
			iconChecks(`node ${description.name}`, dirname(join(dir, f)), description.icon);
			codexChecks(pj.name, f, description, files, dir);
		}
		for (const f of (pj.n8n.credentials ?? []) as string[]) {
			if (!files.includes(f)) continue;
			const credential = loadClass(join(dir, f));
			if (!check(`${f} exports a credential class`, !!credential?.name)) continue;
			iconChecks(`credential ${credential.name}`, dirname(join(dir, f)), credential.icon);
		}
	} finally {
		rmSync(scratch, { recursive: true, force: true });
	}
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	if (failures.length) {
		console.error(
			`\nverify:package: ${failures.length} check(s) failed (${seconds} s):\n- ${failures.join('\n- ')}`,
		);
		process.exit(1);
	}
	console.log(`\nverify:package: all checks passed (${seconds} s)`);
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
