/**
 * `npm run e2e`: proves the packed community node inside real n8n installs.
 *
 *   n8n 2.40.7 (Node 24): CLI import + `n8n execute` of every example (token auth,
 *     OAuth2, OAuth2 with a stale access token, re-run = idempotent upsert,
 *     On Error "continue (using error output)", bad token with and without it),
 *     then `n8n start`: owner setup, login, credential test over REST,
 *     and the editor in headless Chromium: the canvas, the parameters, the Operation list, a run from the
 *     editor with both outputs, the credential form; screenshots into the scratch folder
 *     (`npm run screenshots` = E2E_ONLY=editor E2E_SCREENSHOTS=docs: into docs/ for the README).
 *   n8n 1.123.81 (Node 20): the same examples through the CLI.
 *
 * Env: E2E_CACHE (n8n installs), E2E_WORK (scratch folder, default a new temp dir),
 *      E2E_ONLY=n8n2,editor,n8n1 (subset), E2E_KEEP=1 (keep scratch folder),
 *      E2E_SCREENSHOTS (default: the scratch folder; a path is relative to the repository).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { startSandbox, type Sandbox } from '../sandbox';
import { credentialSafetyChecks } from './credentialSafety';
import { captureEditor } from './editor';
import type { PreviewRun } from './editorPreview';
import { flavorInstalled, killAllChildren, N8nInstance, n8nFlavors, type N8nFlavor } from './n8n';
import { buildAndPack, installIntoNodesDir, REPO, type PackedPackage } from './package';
import {
	assertExampleRun,
	credentialsFor,
	CRED_IDS,
	loadExamples,
	makeId,
	NODE_TYPE,
	nodeOutputs,
	prepareWorkflow,
	sandboxAccessToken,
	writeModeExamples,
	type AuthChoice,
	type Example,
} from './workflows';
import { AssertionFailure, Checks, log, phase, timings } from './util';

const checks = new Checks();
const only = new Set(
	(process.env.E2E_ONLY ?? 'n8n2,editor,n8n1')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean),
);

/** The Write Mode preview the editor runs (E2E_PREVIEW_EXAMPLE), screenshotted with its change and changes. */
function previewRun(examples: Example[], wfIds: Map<string, string>): PreviewRun | undefined {
	const ex = examples.find(
		(e) => e.slug === (process.env.E2E_PREVIEW_EXAMPLE ?? 'batch-update-goal-targets-preview'),
	);
	const workflowId = ex ? wfIds.get(`${ex.slug} [token]`) : undefined;
	const c = ex?.expected.changes;
	if (!ex || !workflowId || !c) return undefined;
	return {
		workflowId,
		nodeName: ex.expected.node,
		expectedSuccess: ex.expected.success ?? 0,
		expectedError: ex.expected.error ?? 0,
		hintCounts: `${c.created} to create, ${c.updated} to update, ${c.unchanged} unchanged, ${c.failed} failed`,
	};
}

/** The example the extra variants and the editor use: E2E_PRIMARY_EXAMPLE, else batch-upsert-goal-targets, else the first. */
function primaryExample(examples: Example[]): Example | undefined {
	const want = process.env.E2E_PRIMARY_EXAMPLE ?? 'batch-upsert-goal-targets';
	return examples.find((e) => e.slug === want) ?? examples[0];
}

interface Variant {
	key: string;
	ex: Example;
	auth: AuthChoice;
	onError?: 'continueErrorOutput';
	/** reset the sandbox store before the run */
	reset: boolean;
	kind: 'normal' | 'rerun' | 'badToken' | 'badTokenContinue';
}

function variantsFor(examples: Example[], full: boolean): Variant[] {
	const v: Variant[] = [];
	examples.forEach((ex) =>
		v.push({ key: `${ex.slug} [token]`, ex, auth: 'token', reset: true, kind: 'normal' }),
	);
	// Write Mode in both modes and every API version, in both n8n versions
	writeModeExamples(examples).forEach((ex) =>
		v.push({ key: ex.slug, ex, auth: 'token', reset: true, kind: 'normal' }),
	);
	const first = primaryExample(examples);
	if (!first) return v;
	v.push({
		key: `${first.slug} [continueErrorOutput]`,
		ex: first,
		auth: 'token',
		onError: 'continueErrorOutput',
		reset: true,
		kind: 'normal',
	});
	v.push({ key: `${first.slug} [OAuth2]`, ex: first, auth: 'oauth', reset: true, kind: 'normal' });
	if (!full) return v;
	v.push({
		key: `${first.slug} [re-run: updates, no new records]`,
		ex: first,
		auth: 'token',
		reset: false,
		kind: 'rerun',
	});
	v.push({
		key: `${first.slug} [OAuth2, stale access token -> refresh]`,
		ex: first,
		auth: 'oauthStale',
		reset: true,
		kind: 'normal',
	});
	v.push({
		key: `${first.slug} [bad token]`,
		ex: first,
		auth: 'badToken',
		reset: true,
		kind: 'badToken',
	});
	v.push({
		key: `${first.slug} [bad token, continueErrorOutput]`,
		ex: first,
		auth: 'badToken',
		onError: 'continueErrorOutput',
		reset: true,
		kind: 'badTokenContinue',
	});
	return v;
}

/** Imports credentials and workflows, executes each variant, asserts. Returns the workflow ids by variant key. */
async function cliScenarios(
	inst: N8nInstance,
	sandbox: Sandbox,
	packed: PackedPackage,
	examples: Example[],
	full: boolean,
): Promise<Map<string, string>> {
	const L = inst.flavor.label;
	const target = await installIntoNodesDir(packed, inst.nodesDir);
	log(`${L}: package installed at ${target}`);

	const accessToken = await sandboxAccessToken(sandbox);
	const credImport = await inst.importCredentials(credentialsFor(sandbox, accessToken));
	checks.require(
		`${L}: import:credentials succeeded`,
		credImport.code === 0,
		credImport.stdoutFile,
	);

	const variants = variantsFor(examples, full);
	const ids = new Map<string, string>();
	const workflows = variants.map((v, i) => {
		const id = makeId('e2eWf', i + 1);
		ids.set(v.key, id);
		return prepareWorkflow(v.ex, { id, name: `E2E ${v.key}`, auth: v.auth, onError: v.onError });
	});
	const wfImport = await inst.importWorkflow(workflows, 'import-workflows');
	checks.require(
		`${L}: import:workflow of ${workflows.length} workflows succeeded`,
		wfImport.code === 0,
		wfImport.stdoutFile,
	);
	// community node recognised: n8n would refuse to run an unknown node type
	checks.check(
		`${L}: no "unrecognized node type" in import output`,
		!/unrecognized node type/i.test(wfImport.stdout + wfImport.stderr),
	);

	for (const [i, v] of variants.entries()) {
		const id = workflows[i].id as string;
		if (v.reset) sandbox.reset();
		const before = sandbox.counters();
		const sizeBefore = sandbox.store.size;
		log(`${L}: execute ${id} — ${v.key}`);
		const exec = await inst.execute(id);
		const label = `${L} ${v.key}`;
		const idProperty = v.ex.workflow.nodes.find((n: any) => n.name === v.ex.expected.node)
			?.parameters?.idProperty;
		if (v.kind === 'normal' || v.kind === 'rerun') {
			assertExampleRun(checks, sandbox, exec, workflows[i], {
				label,
				expected: v.ex.expected,
				idProperty:
					typeof idProperty === 'string' && !idProperty.startsWith('=') ? idProperty : undefined,
				freshStore: v.reset,
				countersBefore: before,
				storeSizeBefore: sizeBefore,
			});
			if (v.kind === 'rerun') {
				const c = sandbox.counters();
				checks.check(
					`${label}: no record created on re-run`,
					c.recordsCreated === before.recordsCreated,
					`created ${c.recordsCreated - before.recordsCreated}`,
				);
				checks.check(
					`${label}: store size unchanged`,
					sandbox.store.size === sizeBefore,
					`${sizeBefore} -> ${sandbox.store.size}`,
				);
			}
		} else if (v.kind === 'badToken') {
			const msg = exec.run?.data?.resultData?.error?.message ?? '';
			const text: string = String(msg || exec.stdout);
			checks.check(`${label}: execution fails (exit != 0)`, exec.code !== 0, `exit ${exec.code}`);
			checks.check(
				`${label}: error message names the authentication problem`,
				/authenticat|unauthori[sz]ed|401|access token|credential/i.test(text),
				(
					msg ||
					text
						.split('\n')
						.filter((l: string) => /error/i.test(l))
						.slice(0, 3)
						.join(' | ')
				).slice(0, 300),
			);
			checks.check(
				`${label}: nothing written`,
				sandbox.store.size === 0,
				`store ${sandbox.store.size}`,
			);
		} else if (v.kind === 'badTokenContinue') {
			checks.check(
				`${label}: n8n execute exited 0`,
				exec.code === 0,
				`exit ${exec.code}, ${exec.stdoutFile}`,
			);
			const out = nodeOutputs(exec.run, workflows[i], v.ex.expected.node);
			checks.check(`${label}: node ran`, out !== undefined);
			if (out) {
				const total = out.inputCount ?? (v.ex.expected.success ?? 0) + (v.ex.expected.error ?? 0);
				checks.check(
					`${label}: no Success items`,
					out.success.length === 0,
					`got ${out.success.length}`,
				);
				checks.check(
					`${label}: every item on the Error output`,
					out.error.length === total && total > 0,
					`${out.error.length} of ${total}`,
				);
				const m = String(out.error[0]?.json?.error?.message ?? out.error[0]?.json?.error ?? '');
				checks.check(
					`${label}: Error items say what went wrong`,
					/authenticat|unauthori[sz]ed|401|token|credential/i.test(m),
					m.slice(0, 200),
				);
			}
			checks.check(
				`${label}: nothing written`,
				sandbox.store.size === 0,
				`store ${sandbox.store.size}`,
			);
		}
	}
	return ids;
}

/** n8n start: owner, login, credential test over REST, then the editor. */
async function serverScenarios(
	inst: N8nInstance,
	sandbox: Sandbox,
	examples: Example[],
	wfIds: Map<string, string>,
	packed: PackedPackage,
): Promise<void> {
	const L = `${inst.flavor.label} server`;
	await phase(`${inst.flavor.label}: n8n start`, () => inst.start());
	await inst.setupOwner();
	await inst.login();
	checks.check(`${L}: owner set up and logged in over REST`, inst.authCookie.length > 0);

	// the node type is known to the running n8n (the editor's node list comes from here)
	const types = await inst.rest('GET', '/types/nodes.json');
	const ours = Array.isArray(types.body)
		? types.body.find((t: any) => t.name === NODE_TYPE)
		: undefined;
	checks.check(
		`${L}: /types/nodes.json lists ${NODE_TYPE}`,
		!!ours,
		Array.isArray(types.body) ? `${types.body.length} types` : typeof types.body,
	);
	if (ours)
		checks.check(
			`${L}: node declares outputs Success / Error`,
			JSON.stringify(ours.outputNames) === JSON.stringify(['Success', 'Error']),
			JSON.stringify(ours.outputNames),
		);
	const credTypes = await inst.rest('GET', '/types/credentials.json');
	for (const name of ['hubSpotGoalTargetsTokenApi', 'hubSpotGoalTargetsOAuth2Api'])
		checks.check(
			`${L}: /types/credentials.json lists ${name}`,
			Array.isArray(credTypes.body) && credTypes.body.some((t: any) => t.name === name),
		);

	// credential test, as the editor's "Retry"/save does it
	const test = async (id: string, type: string, data?: Record<string, unknown>) =>
		(
			await inst.rest('POST', '/rest/credentials/test', {
				credentials: { id, name: id, type, ...(data ? { data } : {}) },
			})
		).body?.data ?? {};
	const good = await test(CRED_IDS.token, 'hubSpotGoalTargetsTokenApi', {
		accessToken: sandbox.tokens.readWrite,
		baseUrl: sandbox.url,
	});
	checks.check(
		`${L}: credential test passes for the sandbox token`,
		good.status === 'OK',
		JSON.stringify(good),
	);
	const bad = await test(CRED_IDS.badToken, 'hubSpotGoalTargetsTokenApi', {
		accessToken: 'pat-e2e-not-a-valid-token',
		baseUrl: sandbox.url,
	});
	checks.check(
		`${L}: credential test fails for a bad token`,
		bad.status === 'Error',
		JSON.stringify(bad),
	);
	checks.check(
		`${L}: bad-token test message is clear`,
		/authenticat|unauthori[sz]ed|401|token|credential/i.test(String(bad.message ?? '')),
		String(bad.message),
	);
	// as the editor does for a saved credential: the form's (redacted) data goes back, n8n fills in the secrets
	const stored = async (id: string) =>
		(await inst.rest('GET', `/rest/credentials/${id}?includeData=true`)).body?.data ?? {};
	const storedToken = await stored(CRED_IDS.token);
	const storedGood = await test(CRED_IDS.token, 'hubSpotGoalTargetsTokenApi', storedToken.data);
	checks.check(
		`${L}: credential test of the saved token credential passes`,
		storedGood.status === 'OK',
		JSON.stringify(storedGood),
	);
	const storedOAuth = await stored(CRED_IDS.oauth);
	const oauth = await test(CRED_IDS.oauth, 'hubSpotGoalTargetsOAuth2Api', storedOAuth.data);
	checks.check(
		`${L}: credential test of the saved OAuth2 credential passes`,
		oauth.status === 'OK',
		JSON.stringify(oauth),
	);
	await credentialSafetyChecks(
		L,
		checks,
		test,
		{ token: CRED_IDS.token, oauth: CRED_IDS.oauth },
		storedOAuth.data ?? {},
		sandbox,
	);

	if (!only.has('editor')) return;
	const ex = primaryExample(examples);
	const wfId = ex ? wfIds.get(`${ex.slug} [token]`) : undefined;
	if (!ex || !wfId) {
		checks.check(`${L}: an example workflow to open in the editor`, false);
		return;
	}
	checks.check(
		`${L}: a Write Mode preview example to run in the editor`,
		previewRun(examples, wfIds) !== undefined,
	);
	await phase(`${inst.flavor.label}: editor (headless Chromium)`, () =>
		captureEditor(checks, {
			baseUrl: inst.baseUrl,
			workflowId: wfId,
			nodeName: ex.expected.node,
			credentialId: CRED_IDS.token,
			credentialName: 'E2E sandbox token',
			// the work tree is only written when asked (npm run screenshots); otherwise they stay in the scratch folder
			outDir: process.env.E2E_SCREENSHOTS
				? resolve(REPO, process.env.E2E_SCREENSHOTS)
				: join(inst.logDir, 'screenshots'),
			logDir: inst.logDir,
			email: N8nInstance.owner.email,
			password: N8nInstance.owner.password,
			packageName: packed.name,
			expectedSuccess: ex.expected.success,
			expectedError: ex.expected.error,
			preview: previewRun(examples, wfIds),
		}),
	);
}

function ensureInstalled(flavors: N8nFlavor[]): void {
	const missing = flavors.filter((f) => !flavorInstalled(f));
	if (missing.length === 0) return;
	log(`installing ${missing.map((f) => f.label).join(', ')} (e2e/install.sh)`);
	const which =
		missing.length === 2 ? 'all' : missing[0].label.startsWith('n8n-1') ? 'n8n1' : 'n8n2';
	execFileSync('bash', [join(__dirname, 'install.sh'), which], {
		stdio: 'inherit',
		timeout: 40 * 60_000,
	});
}

async function main(): Promise<number> {
	const started = Date.now();
	const workDir = process.env.E2E_WORK ?? mkdtempSync(join(tmpdir(), 'n8n-hgt-e2e-'));
	mkdirSync(workDir, { recursive: true });
	log(`scratch folder ${workDir}; running: ${[...only].join(', ')}`);
	const { n8n2, n8n1 } = n8nFlavors();
	const wanted = [
		...(only.has('n8n2') || only.has('editor') ? [n8n2] : []),
		...(only.has('n8n1') ? [n8n1] : []),
	];

	let sandbox: Sandbox | undefined;
	try {
		await phase('install n8n (cached)', async () => ensureInstalled(wanted));
		const packed = await phase('build + npm pack', () => buildAndPack(workDir));
		checks.require(
			'package tarball holds the node and both credentials',
			[...packed.nodes, ...packed.credentials].every((f) => packed.files.includes(f)),
			[...packed.nodes, ...packed.credentials]
				.filter((f) => !packed.files.includes(f))
				.join(', ') || 'all present',
		);
		const examples = loadExamples();
		checks.require(
			'examples/*.workflow.json present',
			examples.length > 0,
			examples.map((e) => e.file).join(', '),
		);
		sandbox = await phase('start sandbox', () => startSandbox({ port: 0 }));
		log(`sandbox at ${sandbox.url}`);

		if (only.has('n8n2') || only.has('editor')) {
			const inst = new N8nInstance(n8n2, workDir);
			let ids = new Map<string, string>();
			try {
				ids = await phase(`${n8n2.label}: import + execute`, () =>
					cliScenarios(inst, sandbox!, packed, examples, true),
				);
				await phase(
					`${n8n2.label}: server, credential test${only.has('editor') ? ', editor' : ''}`,
					() => serverScenarios(inst, sandbox!, examples, ids, packed),
				);
			} catch (e) {
				if (!(e instanceof AssertionFailure))
					checks.check(
						`${n8n2.label}: ran without crashing`,
						false,
						(e as Error).message.slice(0, 2000),
					);
			} finally {
				await inst.stop();
			}
		}
		if (only.has('n8n1')) {
			const inst = new N8nInstance(n8n1, workDir);
			try {
				await phase(`${n8n1.label}: import + execute`, () =>
					cliScenarios(inst, sandbox!, packed, examples, false),
				);
			} catch (e) {
				if (!(e instanceof AssertionFailure))
					checks.check(
						`${n8n1.label}: ran without crashing`,
						false,
						(e as Error).message.slice(0, 2000),
					);
			} finally {
				await inst.stop();
			}
		}
	} catch (e) {
		if (!(e instanceof AssertionFailure))
			checks.check('e2e run completed', false, (e as Error).stack?.slice(0, 2000));
	} finally {
		if (sandbox) await sandbox.close().catch(() => undefined);
		killAllChildren();
	}

	const total = (Date.now() - started) / 1000;
	console.log('\n══════════ e2e summary ══════════');
	for (const t of timings)
		console.log(`  ${t.ok ? '  ' : '✗ '}${t.name.padEnd(60)} ${t.seconds.toFixed(1).padStart(7)}s`);
	console.log(`  ${'total'.padEnd(62)} ${total.toFixed(1).padStart(7)}s`);
	const failed = checks.results.filter((r) => !r.ok);
	if (failed.length) {
		console.log('\n  failed checks:');
		for (const f of failed)
			console.log(`    ✗ ${f.name}${f.detail ? ` — ${f.detail.slice(0, 500)}` : ''}`);
	}
	console.log(`\n  scratch folder (n8n logs, stdout of every n8n command): ${workDir}`);
	if (!process.env.E2E_KEEP && !process.env.E2E_WORK && failed.length === 0) {
		rmSync(workDir, { recursive: true, force: true });
		console.log('  (removed: all passed; E2E_KEEP=1 keeps it)');
	}
	console.log(`\ne2e: ${checks.passed} passed, ${checks.failed} failed`);
	return failed.length === 0 && checks.passed > 0 ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(e) => {
		console.error(e);
		killAllChildren();
		process.exit(1);
	},
);
