/**
 * `npm run check:workflows`: the GitHub Actions workflows against GitHub's workflow schema
 * (@action-validator/cli, offline) and the project's own rules (scripts/workflowPolicy.ts: pinned
 * actions, exact versions, the publish token out of reach of the project's code), and Dependabot's
 * file for the updates this project relies on.
 * usage: tsx scripts/check-workflows.ts [--root <repository folder>]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { load } from 'js-yaml';

import { workflowRules } from './workflowPolicy';

const REPO = resolve(__dirname, '..');
const rootArg = process.argv.indexOf('--root');
const ROOT = rootArg > 0 ? resolve(process.argv[rootArg + 1]) : REPO;
const validator = join(REPO, 'node_modules', '.bin', 'action-validator');

const failures: string[] = [];
function check(name: string, ok: boolean, detail = ''): void {
	if (!ok) failures.push(name);
	console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail && !ok ? `\n${detail}` : ''}`);
}

const workflowsDir = join(ROOT, '.github', 'workflows');
const workflows = existsSync(workflowsDir)
	? readdirSync(workflowsDir).filter((f) => /\.ya?ml$/.test(f))
	: [];
check(
	'.github/workflows holds ci.yml and publish.yml',
	['ci.yml', 'publish.yml'].every((f) => workflows.includes(f)),
	workflows.join(', '),
);
for (const f of workflows) {
	// action-validator also checks that `paths` globs match files, so it runs from the repository root
	const r = spawnSync(validator, [join('.github', 'workflows', f)], {
		cwd: ROOT,
		encoding: 'utf8',
	});
	check(
		`.github/workflows/${f} matches GitHub's workflow schema`,
		r.status === 0,
		`${r.stdout}${r.stderr}`.trim().slice(0, 3000),
	);
}

const publish = workflows.includes('publish.yml')
	? (load(readFileSync(join(workflowsDir, 'publish.yml'), 'utf8')) as any)
	: {};
const publishJobs = Object.values<any>(publish?.jobs ?? {});
const publishRuns = publishJobs
	.flatMap((j) => (j.steps ?? []).map((s: any) => String(s.run ?? '')))
	.join('\n');
check(
	'publish.yml runs on version tags',
	JSON.stringify(publish?.on?.push?.tags ?? []).includes('*.*.*'),
);
check(
	'publish.yml may mint an OIDC token (id-token: write)',
	publishJobs.some((j) => j.permissions?.['id-token'] === 'write'),
);
check(
	'publish.yml publishes with provenance',
	/npm publish\b[^\n]*--provenance/.test(publishRuns) && /--access public/.test(publishRuns),
);
for (const rule of workflowRules(
	workflows.map((name) => ({ name, text: readFileSync(join(workflowsDir, name), 'utf8') })),
))
	check(rule.name, rule.problems.length === 0, rule.problems.map((p) => `  ${p}`).join('\n'));

const dependabotFile = join(ROOT, '.github', 'dependabot.yml');
const dependabot = existsSync(dependabotFile)
	? (load(readFileSync(dependabotFile, 'utf8')) as any)
	: undefined;
const updates: any[] = Array.isArray(dependabot?.updates) ? dependabot.updates : [];
check('.github/dependabot.yml is version 2', dependabot?.version === 2);
for (const ecosystem of ['npm', 'github-actions']) {
	const u = updates.find((x) => x?.['package-ecosystem'] === ecosystem);
	check(
		`dependabot updates ${ecosystem}`,
		!!u &&
			typeof u.directory === 'string' &&
			['daily', 'weekly', 'monthly'].includes(u.schedule?.interval),
		JSON.stringify(u),
	);
}
const unknownKeys = updates
	.flatMap((u) => Object.keys(u ?? {}))
	.filter(
		(k) =>
			![
				'package-ecosystem',
				'directory',
				'directories',
				'schedule',
				'groups',
				'ignore',
				'allow',
				'labels',
				'commit-message',
				'open-pull-requests-limit',
				'versioning-strategy',
				'reviewers',
				'assignees',
				'target-branch',
				'cooldown',
			].includes(k),
	);
check('dependabot entries use known keys', unknownKeys.length === 0, unknownKeys.join(', '));

if (failures.length) {
	console.error(`\ncheck:workflows: ${failures.length} check(s) failed`);
	process.exit(1);
}
console.log('\ncheck:workflows: all checks passed');
