/**
 * What the project requires of its GitHub Actions workflows beyond GitHub's schema, as rules that
 * each return their problems (empty: the rule holds). Used by `npm run check:workflows` and by
 * test/tooling/workflowPolicy.test.ts.
 *
 * - every action is pinned by a full commit SHA with a `# vX.Y.Z` comment (Dependabot updates both);
 * - `npm install -g` names exact versions;
 * - the publish token stays out of reach of the project's code and its development packages: a job
 *   that runs npm ci / npm test / npm run (or checks out the repository) has no `id-token: write`,
 *   and the job that has it only downloads the packed tarball and publishes it without scripts;
 * - a release comes from a tag on main whose version is package.json's and has a CHANGELOG.md section,
 *   after the tests passed, with exact Node and npm versions.
 */
import { load } from 'js-yaml';

export interface WorkflowFile {
	/** file name, e.g. publish.yml */
	name: string;
	text: string;
}

export interface Rule {
	name: string;
	problems: string[];
}

type Job = Record<string, any>;
type Step = Record<string, any>;

interface Parsed extends WorkflowFile {
	doc: Record<string, any>;
	jobs: Array<[string, Job]>;
}

const SHA_PIN = /^[\w.-]+\/[\w.\/-]+@[0-9a-f]{40}$/;
const VERSION_COMMENT = /#\s*v\d+\.\d+\.\d+\b/;
const EXACT_VERSION = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;
/** npm commands that run the project's code or its dependencies' (scripts, tests, installs) */
const RUNS_PROJECT_CODE =
	/\bnpm\s+(ci|clean-install|install-clean|it|cit|install-ci-test|install-test|test|tst|t|run|run-script|rum|urn|exec|x|start|stop|restart|rebuild|rb)\b|\bnpx\b|\byarn\b|\bpnpm\b/;
const INSTALL_COMMANDS = new Set(['install', 'i', 'in', 'ins', 'inst', 'insta', 'instal', 'add']);
/** the only actions a job that can mint an OIDC token may use */
const PUBLISH_JOB_ACTIONS = ['actions/setup-node', 'actions/download-artifact'];

function parse(file: WorkflowFile): Parsed {
	const doc = (load(file.text) ?? {}) as Record<string, any>;
	const jobs = Object.entries<Job>(doc.jobs ?? {});
	return { ...file, doc, jobs };
}

const steps = (job: Job): Step[] => (Array.isArray(job.steps) ? job.steps : []);
const runs = (job: Job): string[] => steps(job).map((s) => String(s.run ?? ''));
const actionOf = (uses: unknown): string => String(uses ?? '').split('@')[0];

/** id-token as the job gets it: its own permissions, else the workflow's; undefined when neither sets any. */
function idToken(wf: Parsed, job: Job): string | undefined {
	const perms = job.permissions ?? wf.doc.permissions;
	if (perms === undefined) return undefined;
	if (perms === 'write-all') return 'write';
	if (typeof perms === 'string') return 'none';
	return perms['id-token'] ?? 'none';
}

/** Every `npm install …` of a run script: global or not, and the package specs it names. */
export function npmInstalls(script: string): Array<{ global: boolean; specs: string[] }> {
	const found: Array<{ global: boolean; specs: string[] }> = [];
	for (const command of script.split(/&&|\|\||[;|\n]/)) {
		const words = command
			.trim()
			.split(/\s+/)
			.map((w) => w.replace(/^['"]|['"]$/g, ''));
		const at = words.findIndex((w, i) => w === 'npm' && INSTALL_COMMANDS.has(words[i + 1]));
		if (at < 0) continue;
		const args = words.slice(at + 2);
		found.push({
			global: args.some((a) => ['-g', '--global', '--location=global'].includes(a)),
			specs: args.filter((a) => !a.startsWith('-')),
		});
	}
	return found;
}

const globalInstalls = (script: string): string[] =>
	npmInstalls(script)
		.filter((x) => x.global)
		.flatMap((x) => x.specs);

function isExactSpec(spec: string): boolean {
	const at = spec.lastIndexOf('@');
	return at > 0 && EXACT_VERSION.test(spec.slice(at + 1));
}

function pinnedActions(files: Parsed[]): Rule {
	const problems: string[] = [];
	for (const f of files) {
		const seen = new Set<string>();
		f.text.split('\n').forEach((line, i) => {
			const m = /^\s*(?:-\s*)?['"]?uses['"]?\s*:\s*['"]?([^'"\s#]+)['"]?\s*(#.*)?$/.exec(line);
			if (!m) return;
			seen.add(m[1]);
			if (m[1].startsWith('./') || /^docker:\/\/.+@sha256:[0-9a-f]{64}$/.test(m[1])) return;
			if (!SHA_PIN.test(m[1]) || !VERSION_COMMENT.test(m[2] ?? ''))
				problems.push(`${f.name}:${i + 1}: ${m[1]} (want owner/repo@<40-hex commit> # vX.Y.Z)`);
		});
		// the same through the parsed file, for what a line does not show (flow mappings)
		for (const [id, job] of f.jobs)
			for (const uses of [job.uses, ...steps(job).map((s) => s.uses)])
				if (typeof uses === 'string' && !seen.has(uses))
					problems.push(`${f.name}: job ${id} uses ${uses} in a form this check cannot read`);
	}
	return { name: 'every action is pinned by a commit SHA with a # vX.Y.Z comment', problems };
}

function exactGlobalInstalls(files: Parsed[]): Rule {
	const problems: string[] = [];
	for (const f of files)
		for (const [id, job] of f.jobs)
			for (const spec of runs(job).flatMap(globalInstalls))
				if (!isExactSpec(spec)) problems.push(`${f.name}: job ${id}: npm install -g ${spec}`);
	return { name: 'npm install -g names exact versions', problems };
}

function noTokenWhereCodeRuns(files: Parsed[]): Rule {
	const problems: string[] = [];
	for (const f of files)
		for (const [id, job] of f.jobs) {
			const token = idToken(f, job);
			if (token === undefined) problems.push(`${f.name}: job ${id} has no explicit permissions`);
			const runsCode =
				runs(job).some((r) => RUNS_PROJECT_CODE.test(r)) ||
				steps(job).some((s) => actionOf(s.uses) === 'actions/checkout');
			if (runsCode && token === 'write')
				problems.push(`${f.name}: job ${id} runs the project's code and has id-token: write`);
		}
	return {
		name: 'no job that checks out or runs npm ci/test/run can mint an OIDC token',
		problems,
	};
}

function publishJobOnlyPublishes(publish: Parsed): Rule {
	const problems: string[] = [];
	const tokenJobs = publish.jobs.filter(([, job]) => idToken(publish, job) === 'write');
	if (tokenJobs.length !== 1)
		problems.push(`${tokenJobs.length} jobs have id-token: write (want exactly one)`);
	for (const [id, job] of tokenJobs) {
		for (const s of steps(job)) {
			if (s.uses !== undefined && !PUBLISH_JOB_ACTIONS.includes(actionOf(s.uses)))
				problems.push(`job ${id} uses ${String(s.uses)} (only ${PUBLISH_JOB_ACTIONS.join(', ')})`);
			const run = String(s.run ?? '');
			if (RUNS_PROJECT_CODE.test(run))
				problems.push(`job ${id} runs: ${run.trim().split('\n')[0]}`);
			for (const install of npmInstalls(run))
				if (!install.global || install.specs.some((x) => !/^npm@/.test(x)))
					problems.push(
						`job ${id} installs something else than npm itself: ${install.specs.join(' ')}`,
					);
			for (const cmd of run.match(/\bnpm\s+publish\b[^\n]*/g) ?? []) {
				if (!/--ignore-scripts\b/.test(cmd))
					problems.push(`job ${id}: npm publish without --ignore-scripts`);
				if (!/\.tgz\b|\$\{?TARBALL\}?/.test(cmd))
					problems.push(`job ${id}: npm publish of something else than the packed tarball`);
			}
		}
		if (!runs(job).some((r) => /\bnpm\s+publish\b/.test(r)))
			problems.push(`job ${id} has id-token: write but does not publish`);
		if (!steps(job).some((s) => actionOf(s.uses) === 'actions/download-artifact'))
			problems.push(`job ${id} does not download the packed tarball`);
	}
	return {
		name: 'publish.yml: the job with id-token only downloads the tarball and publishes it',
		problems,
	};
}

/** Every job the given one waits for, directly or not. */
function upstream(wf: Parsed, id: string, seen = new Set<string>()): Set<string> {
	const needs = wf.doc.jobs?.[id]?.needs;
	for (const n of Array.isArray(needs) ? needs : needs ? [needs] : [])
		if (!seen.has(n)) {
			seen.add(n);
			upstream(wf, n, seen);
		}
	return seen;
}

function releaseChecks(publish: Parsed): Rule {
	const problems: string[] = [];
	const publishing = publish.jobs.filter(([, job]) =>
		runs(job).some((r) => /\bnpm\s+publish\b[^\n]*--provenance/.test(r)),
	);
	if (publishing.length === 0) problems.push('no job runs npm publish --provenance');
	for (const [id] of publishing) {
		const before = [...upstream(publish, id)].map((n) => publish.doc.jobs[n] as Job);
		const beforeRuns = before.flatMap(runs).join('\n');
		if (!/(^|\n|&&\s*)\s*npm test\b/.test(beforeRuns))
			problems.push(`job ${id} publishes without needing a job that runs npm test`);
		if (!/package\.json'\)\.version/.test(beforeRuns) || !/CHANGELOG\.md/.test(beforeRuns))
			problems.push(
				`job ${id}: no earlier job checks the tag against package.json and CHANGELOG.md`,
			);
		const onMain = before.some((job) => {
			const checkout = steps(job).find((s) => actionOf(s.uses) === 'actions/checkout');
			const at = steps(job).findIndex((s) =>
				/git merge-base --is-ancestor "?\$GITHUB_SHA"? origin\/main/.test(String(s.run ?? '')),
			);
			const npmCi = steps(job).findIndex((s) => /\bnpm ci\b/.test(String(s.run ?? '')));
			return Number(checkout?.with?.['fetch-depth']) === 0 && at >= 0 && (npmCi < 0 || at < npmCi);
		});
		if (!onMain)
			problems.push(
				`job ${id}: no earlier job checks (fetch-depth: 0, before npm ci) that the tag's commit is on main`,
			);
	}
	for (const [id, job] of publish.jobs)
		for (const s of steps(job))
			if (
				actionOf(s.uses) === 'actions/setup-node' &&
				!EXACT_VERSION.test(String(s.with?.['node-version']))
			)
				problems.push(`job ${id}: node-version ${String(s.with?.['node-version'])} is not exact`);
	if (
		!publish.jobs.some(([, job]) =>
			runs(job).some((r) => globalInstalls(r).some((x) => /^npm@/.test(x))),
		)
	)
		problems.push('npm is not installed at an exact version');
	return {
		name: 'publish.yml: tag on main and matching package.json/CHANGELOG, tests first, exact Node and npm',
		problems,
	};
}

/** Every rule over the workflow files (publish.yml's rules fail when it is missing). */
export function workflowRules(files: WorkflowFile[]): Rule[] {
	const parsed = files.map(parse);
	const publish =
		parsed.find((f) => f.name === 'publish.yml') ?? parse({ name: 'publish.yml', text: '' });
	return [
		pinnedActions(parsed),
		exactGlobalInstalls(parsed),
		noTokenWhereCodeRuns(parsed),
		publishJobOnlyPublishes(publish),
		releaseChecks(publish),
	];
}
