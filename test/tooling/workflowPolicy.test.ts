/**
 * The workflow rules of scripts/workflowPolicy.ts (run by `npm run check:workflows`): the
 * repository's workflows keep them, and each rule catches what it is there for, shown by breaking
 * the real publish.yml one way at a time.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { dump, load } from 'js-yaml';

import { npmInstalls, workflowRules, type WorkflowFile } from '../../scripts/workflowPolicy';

const dir = join(__dirname, '..', '..', '.github', 'workflows');
const files: WorkflowFile[] = readdirSync(dir)
	.filter((f) => /\.ya?ml$/.test(f))
	.map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
const publishText = files.find((f) => f.name === 'publish.yml')!.text;

/** The problems of the rule whose name contains `rule`, with publish.yml's text replaced. */
function problems(rule: string, publish: string): string[] {
	const all = workflowRules([
		...files.filter((f) => f.name !== 'publish.yml'),
		{ name: 'publish.yml', text: publish },
	]);
	const found = all.filter((r) => r.name.includes(rule));
	expect(found).toHaveLength(1);
	return found[0].problems;
}

/** publish.yml changed through its parsed form (comments are lost: only for rules that ignore them). */
function edited(change: (doc: any) => void): string {
	const doc = load(publishText) as any;
	change(doc);
	return dump(doc, { lineWidth: -1 });
}

function replaced(from: string | RegExp, to: string): string {
	const text = publishText.replace(from, to);
	expect(text).not.toBe(publishText);
	return text;
}

const stepIndex = (job: any, match: (s: any) => boolean): number => {
	const i = job.steps.findIndex(match);
	expect(i).toBeGreaterThanOrEqual(0);
	return i;
};

describe('workflow rules', () => {
	it('hold for the repository workflows', () => {
		const broken = workflowRules(files).filter((r) => r.problems.length > 0);
		expect(broken).toEqual([]);
	});

	it('publish.yml splits the release: build without id-token, publish with it and nothing else', () => {
		const doc = load(publishText) as any;
		expect(doc.jobs.build.permissions).toEqual({ contents: 'read' });
		expect(doc.jobs.publish.permissions).toEqual({ 'id-token': 'write' });
		expect(doc.jobs.publish.needs).toBe('build');
	});

	describe('every action is pinned by a commit SHA with a version comment', () => {
		const rule = 'pinned by a commit SHA';
		it('refuses a tag', () => {
			const text = replaced(/actions\/checkout@[0-9a-f]{40} # v\S+/, 'actions/checkout@v4');
			expect(problems(rule, text)).toEqual([expect.stringContaining('actions/checkout@v4')]);
		});
		it('refuses a SHA without its version comment', () => {
			const text = replaced(/(actions\/download-artifact@[0-9a-f]{40}) # v\S+/, '$1');
			expect(problems(rule, text)).toEqual([expect.stringContaining('download-artifact')]);
		});
		it('refuses a short SHA', () => {
			const text = replaced(/(actions\/setup-node@[0-9a-f]{12})[0-9a-f]{28}/, '$1');
			expect(problems(rule, text).length).toBeGreaterThan(0);
		});
		it('reads flow mappings too', () => {
			const text = edited((doc) => {
				doc.jobs.build.steps[0] = { uses: 'actions/checkout@main' };
			}).replace('- uses: actions/checkout@main', '- { uses: actions/checkout@main }');
			expect(problems(rule, text)).toEqual(
				expect.arrayContaining([expect.stringContaining('actions/checkout@main')]),
			);
		});
	});

	describe('npm install -g names exact versions', () => {
		const rule = 'names exact versions';
		it.each(['npm@^11.5.1', 'npm@latest', 'npm@11', 'npm@~11.6.0', 'npm'])('refuses %s', (spec) => {
			const text = publishText.replaceAll('npm@11.21.2', spec);
			expect(problems(rule, text)).toEqual([
				`publish.yml: job build: npm install -g ${spec}`,
				`publish.yml: job publish: npm install -g ${spec}`,
			]);
		});
		it('reads the specs of every install command', () => {
			expect(
				npmInstalls('npm ci && npm install -g --ignore-scripts npm@11.21.2; npm i -D x@^1'),
			).toEqual([
				{ global: true, specs: ['npm@11.21.2'] },
				{ global: false, specs: ['x@^1'] },
			]);
			expect(npmInstalls("npm --version\nnpm add --global '@scope/tool@1.2.3'")).toEqual([
				{ global: true, specs: ['@scope/tool@1.2.3'] },
			]);
		});
	});

	describe('no OIDC token where the project code runs', () => {
		const rule = 'can mint an OIDC token';
		it('refuses id-token: write on the job that runs npm ci and npm test', () => {
			const text = edited((doc) => {
				doc.jobs.build.permissions['id-token'] = 'write';
			});
			expect(problems(rule, text)).toEqual([
				"publish.yml: job build runs the project's code and has id-token: write",
			]);
		});
		it('reads the workflow-level permissions a job inherits', () => {
			const text = edited((doc) => {
				delete doc.jobs.build.permissions;
				doc.permissions = 'write-all';
			});
			expect(problems(rule, text)).toContain(
				"publish.yml: job build runs the project's code and has id-token: write",
			);
		});
		it('refuses a job without explicit permissions', () => {
			const text = edited((doc) => {
				delete doc.permissions;
				delete doc.jobs.build.permissions;
			});
			expect(problems(rule, text)).toEqual(['publish.yml: job build has no explicit permissions']);
		});
	});

	describe('the publish job only downloads the tarball and publishes it', () => {
		const rule = 'only downloads the tarball';
		it.each([
			['npm ci', 'runs: npm ci'],
			['npm run build', 'runs: npm run build'],
			['npx some-tool', 'runs: npx some-tool'],
			['npm install left-pad', 'installs something else than npm itself'],
		])('refuses `%s` in it', (run, message) => {
			const text = edited((doc) => {
				doc.jobs.publish.steps.splice(1, 0, { run });
			});
			expect(problems(rule, text)).toEqual(
				expect.arrayContaining([expect.stringContaining(message)]),
			);
		});
		it('refuses a checkout in it', () => {
			const text = edited((doc) => {
				doc.jobs.publish.steps.unshift({ uses: doc.jobs.build.steps[0].uses });
			});
			expect(problems(rule, text)).toEqual([expect.stringContaining('uses actions/checkout@')]);
		});
		it('refuses npm publish with scripts', () => {
			const text = replaced(' --ignore-scripts\n', '\n');
			expect(problems(rule, text)).toEqual(['job publish: npm publish without --ignore-scripts']);
		});
		it('refuses a second job with id-token', () => {
			const text = edited((doc) => {
				doc.jobs.other = {
					'runs-on': 'ubuntu-latest',
					permissions: { 'id-token': 'write' },
					steps: [{ run: 'true' }],
				};
			});
			expect(problems(rule, text)).toEqual(
				expect.arrayContaining(['2 jobs have id-token: write (want exactly one)']),
			);
		});
	});

	describe('release checks', () => {
		const rule = 'tag on main';
		it('refuses a publish job that does not wait for the tests', () => {
			const text = edited((doc) => {
				delete doc.jobs.publish.needs;
			});
			expect(problems(rule, text)).toEqual(
				expect.arrayContaining(['job publish publishes without needing a job that runs npm test']),
			);
		});
		it('refuses a release without the tag-on-main check', () => {
			const text = edited((doc) => {
				const build = doc.jobs.build;
				build.steps.splice(
					stepIndex(build, (s: any) => /merge-base/.test(s.run ?? '')),
					1,
				);
			});
			expect(problems(rule, text)).toEqual([
				expect.stringContaining("the tag's commit is on main"),
			]);
		});
		it('refuses a shallow checkout for that check', () => {
			const text = edited((doc) => {
				doc.jobs.build.steps[0].with['fetch-depth'] = 1;
			});
			expect(problems(rule, text)).toEqual([
				expect.stringContaining("the tag's commit is on main"),
			]);
		});
		it('refuses the tag-on-main check after npm ci', () => {
			const text = edited((doc) => {
				const build = doc.jobs.build;
				const [check] = build.steps.splice(
					stepIndex(build, (s: any) => /merge-base/.test(s.run ?? '')),
					1,
				);
				build.steps.push(check);
			});
			expect(problems(rule, text)).toEqual([
				expect.stringContaining("the tag's commit is on main"),
			]);
		});
		it('refuses a release without the package.json and CHANGELOG check', () => {
			const text = edited((doc) => {
				const build = doc.jobs.build;
				build.steps.splice(
					stepIndex(build, (s: any) => /CHANGELOG/.test(s.run ?? '')),
					1,
				);
			});
			expect(problems(rule, text)).toEqual([
				expect.stringContaining('package.json and CHANGELOG.md'),
			]);
		});
		it('refuses a Node version range', () => {
			const text = replaced("node-version: '24.22.3'", "node-version: '24.x'");
			expect(problems(rule, text)).toEqual(['job build: node-version 24.x is not exact']);
		});
	});
});
