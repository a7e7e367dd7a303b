/**
 * Preparing workflows for import (the examples from /examples, rewired to the
 * credentials this run imported) and checking what `n8n execute` printed.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

import type { ExampleWorkflow } from '../harness/examples';
import { writeModeVariants } from '../harness/writeModeVariants';
import type { Sandbox } from '../sandbox';
import { REPO } from './package';
import { crashedAfterFinishing } from './n8n';
import { log, type Checks } from './util';
import { writeModeChecks, writeModeOf } from './writeModeChecks';

export const PACKAGE_NAME = 'n8n-nodes-hubspot-goal-targets';
export const NODE_TYPE = `${PACKAGE_NAME}.hubSpotGoalTargets`;
export const TOKEN_CRED_TYPE = 'hubSpotGoalTargetsTokenApi';
export const OAUTH_CRED_TYPE = 'hubSpotGoalTargetsOAuth2Api';

export const CRED_IDS = {
	token: 'e2eCredToken0001',
	badToken: 'e2eCredBadTok001',
	oauth: 'e2eCredOAuth0001',
	oauthStale: 'e2eCredOAuthStl1',
} as const;

export interface Expected {
	node: string;
	success?: number;
	error?: number;
	/** Goal targets the sandbox holds after the run (meta.expected.stored); by default as many as Success items. */
	stored?: number;
	/** The checked node's operation: a read (Get Many, Search) outputs records found, not one item per input. */
	operation?: string;
	/** Records the workflow creates or updates in all (an example that seeds records first); default: the Success count. */
	written?: number;
	/** Write Mode changed/preview (meta.expected.changes): Success items by `change`, Error items as failed. */
	changes?: { created: number; updated: number; unchanged: number; failed: number };
	/** A Write Mode variant's (harness/writeModeVariants): every request's API version. */
	apiVersion?: string;
}

/** Operations whose Success items are records read, not one per input item (as harness/examples.ts). */
const READ_OPERATIONS = ['getAll', 'search'];

export interface Example {
	file: string;
	slug: string;
	workflow: any;
	expected: Expected;
}

export function loadExamples(): Example[] {
	const dir = join(REPO, 'examples');
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((f) => f.endsWith('.workflow.json'))
		.sort()
		.map((f) => {
			const workflow = JSON.parse(readFileSync(join(dir, f), 'utf8'));
			const ours = (workflow.nodes as any[]).filter((n) => isOurNode(n));
			const exp = workflow.meta?.expected ?? {};
			const node = exp.node ?? ours[0]?.name;
			const operation = (workflow.nodes as any[]).find((n) => n.name === node)?.parameters
				?.operation;
			return {
				file: f,
				slug: f.replace(/\.workflow\.json$/, ''),
				workflow,
				expected: {
					node,
					success: exp.success,
					error: exp.error,
					stored: exp.stored,
					written: exp.written,
					changes: exp.changes,
					operation,
				},
			};
		});
}

/**
 * Each Write Mode example (meta.expected.changes) in both compare modes and every API version, but
 * the one it is saved as (run as the example itself): by record ID and by a unique property, upsert
 * and update, as the examples cover them.
 */
export function writeModeExamples(examples: Example[]): Example[] {
	return examples.flatMap((ex) =>
		writeModeVariants({ ...ex.workflow, file: ex.file } as ExampleWorkflow)
			.filter((variant) => !variant.asSaved)
			.map((variant) => ({
				file: ex.file,
				slug: `${ex.slug} [${variant.writeMode}, ${variant.apiVersion}]`,
				workflow: withoutFile(variant.workflow),
				expected: {
					...ex.expected,
					written: variant.expected.written,
					stored: variant.expected.stored,
					apiVersion: variant.apiVersion,
				},
			})),
	);
}

function withoutFile(workflow: ExampleWorkflow): any {
	const { file: _file, ...rest } = workflow;
	return rest;
}

function isOurNode(n: any): boolean {
	return typeof n?.type === 'string' && /(^|\.)hubSpotGoalTargets$/.test(n.type);
}

/** n8n ids are 16 alphanumerics. */
export function makeId(prefix: string, n: number): string {
	const s = `${prefix.replace(/[^A-Za-z0-9]/g, '')}${String(n).padStart(4, '0')}`;
	return (s + '0000000000000000').slice(0, 16);
}

export type AuthChoice = 'token' | 'badToken' | 'oauth' | 'oauthStale';

/**
 * A deep copy of the example, with our node's type normalised to the community
 * package's name, its credential set to the one this run imported, and other
 * tweaks (onError) applied.
 */
export function prepareWorkflow(
	ex: Example,
	opts: {
		id: string;
		name: string;
		auth: AuthChoice;
		onError?: 'continueErrorOutput' | 'continueRegularOutput' | 'stopWorkflow';
	},
): any {
	const wf = JSON.parse(JSON.stringify(ex.workflow));
	wf.id = opts.id;
	wf.name = opts.name;
	wf.active = false;
	delete wf.versionId;
	delete wf.meta?.instanceId;
	for (const node of wf.nodes as any[]) {
		if (!isOurNode(node)) continue;
		node.type = NODE_TYPE;
		const isOAuth = opts.auth === 'oauth' || opts.auth === 'oauthStale';
		node.parameters.authentication = isOAuth ? 'oAuth2' : 'accessToken';
		const credName = {
			token: 'E2E sandbox token',
			badToken: 'E2E bad token',
			oauth: 'E2E sandbox OAuth2',
			oauthStale: 'E2E sandbox OAuth2 (stale access token)',
		}[opts.auth];
		node.credentials = isOAuth
			? { [OAUTH_CRED_TYPE]: { id: CRED_IDS[opts.auth], name: credName } }
			: { [TOKEN_CRED_TYPE]: { id: CRED_IDS[opts.auth], name: credName } };
		if (opts.onError) node.onError = opts.onError;
		else delete node.onError;
	}
	return wf;
}

export function credentialsFor(sandbox: Sandbox, oauthAccessToken: string): any[] {
	const oauthBase = {
		clientId: sandbox.oauth.clientId,
		clientSecret: sandbox.oauth.clientSecret,
		grantType: 'authorizationCode',
		authUrl: `${sandbox.url}/oauth/authorize`,
		accessTokenUrl: `${sandbox.url}/oauth/v1/token`,
		scope: 'crm.objects.goals.read crm.objects.goals.write oauth',
		authQueryParameters: '',
		authentication: 'body',
		baseUrl: sandbox.url,
	};
	return [
		{
			id: CRED_IDS.token,
			name: 'E2E sandbox token',
			type: TOKEN_CRED_TYPE,
			data: { accessToken: sandbox.tokens.readWrite, baseUrl: sandbox.url },
		},
		{
			id: CRED_IDS.badToken,
			name: 'E2E bad token',
			type: TOKEN_CRED_TYPE,
			data: { accessToken: 'pat-e2e-not-a-valid-token', baseUrl: sandbox.url },
		},
		{
			id: CRED_IDS.oauth,
			name: 'E2E sandbox OAuth2',
			type: OAUTH_CRED_TYPE,
			data: {
				...oauthBase,
				oauthTokenData: {
					access_token: oauthAccessToken,
					refresh_token: sandbox.oauth.refreshToken,
					token_type: 'bearer',
					expires_in: 1800,
				},
			},
		},
		{
			id: CRED_IDS.oauthStale,
			name: 'E2E sandbox OAuth2 (stale access token)',
			type: OAUTH_CRED_TYPE,
			data: {
				...oauthBase,
				oauthTokenData: {
					access_token: 'e2e-stale-access-token',
					refresh_token: sandbox.oauth.refreshToken,
					token_type: 'bearer',
					expires_in: 1800,
				},
			},
		},
	];
}

/** Gets an OAuth access token from the sandbox with the refresh-token grant. */
export async function sandboxAccessToken(sandbox: Sandbox): Promise<string> {
	const body = new URLSearchParams({
		grant_type: 'refresh_token',
		client_id: sandbox.oauth.clientId,
		client_secret: sandbox.oauth.clientSecret,
		refresh_token: sandbox.oauth.refreshToken,
	});
	const res = await fetch(`${sandbox.url}/oauth/v1/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body,
		signal: AbortSignal.timeout(10_000),
	});
	const json = (await res.json()) as { access_token?: string };
	if (!res.ok || !json.access_token)
		throw new Error(`sandbox token endpoint: ${res.status} ${JSON.stringify(json)}`);
	return json.access_token;
}

// ── reading an execution ─────────────────────────────────────────────────────

export interface NodeOutputs {
	success: any[];
	error: any[];
	inputCount: number | undefined;
	taskError: any;
}

export function nodeOutputs(run: any, workflow: any, nodeName: string): NodeOutputs | undefined {
	const runData = run?.data?.resultData?.runData;
	const task = runData?.[nodeName]?.[0];
	if (!task) return undefined;
	const main = task.data?.main ?? [];
	let inputCount: number | undefined;
	for (const [parent, conns] of Object.entries<any>(workflow.connections ?? {})) {
		(conns.main ?? []).forEach((targets: any[] | null, outIdx: number) => {
			for (const t of targets ?? []) {
				if (t.node !== nodeName) continue;
				const items = runData?.[parent]?.[0]?.data?.main?.[outIdx];
				if (Array.isArray(items)) inputCount = (inputCount ?? 0) + items.length;
			}
		});
	}
	return { success: main[0] ?? [], error: main[1] ?? [], inputCount, taskError: task.error };
}

export function hasPairedItem(item: any): boolean {
	const p = item?.pairedItem;
	if (typeof p === 'number') return true;
	if (Array.isArray(p))
		return p.length > 0 && p.every((x) => typeof x === 'number' || typeof x?.item === 'number');
	return typeof p?.item === 'number';
}

export interface RunAssertOptions {
	label: string;
	expected: Expected;
	idProperty?: string;
	/** store was reset right before the run */
	freshStore: boolean;
	countersBefore: { recordsCreated: number; recordsUpdated: number };
	storeSizeBefore: number;
}

/** The standard checks on one execution of an example. Returns the node's outputs. */
export function assertExampleRun(
	checks: Checks,
	sandbox: Sandbox,
	exec: { code: number; run?: any; stdoutFile: string },
	workflow: any,
	o: RunAssertOptions,
): NodeOutputs | undefined {
	const L = o.label;
	const crashed = crashedAfterFinishing(exec.code, exec.run);
	if (crashed)
		log(
			`note: ${L}: n8n crashed with SIGSEGV while shutting down, after printing the finished execution; its outputs are checked as printed (${exec.stdoutFile})`,
		);
	checks.check(
		`${L}: n8n execute exited 0 (or crashed after printing the finished execution)`,
		exec.code === 0 || crashed,
		`exit ${exec.code}${crashed ? ' (SIGSEGV after the finished execution was printed)' : ''}, output ${exec.stdoutFile}`,
	);
	if (!checks.check(`${L}: execution JSON was printed`, exec.run !== undefined, exec.stdoutFile))
		return undefined;
	const wfError = exec.run?.data?.resultData?.error;
	checks.check(`${L}: execution has no workflow error`, !wfError, wfError?.message);
	const out = nodeOutputs(exec.run, workflow, o.expected.node);
	if (!checks.check(`${L}: node "${o.expected.node}" ran`, out !== undefined)) return undefined;
	checks.check(`${L}: node task has no error`, !out!.taskError, out!.taskError?.message);
	const { success, error } = out!;
	if (o.expected.success !== undefined)
		checks.check(
			`${L}: Success output holds ${o.expected.success} items`,
			success.length === o.expected.success,
			`got ${success.length}`,
		);
	if (o.expected.error !== undefined)
		checks.check(
			`${L}: Error output holds ${o.expected.error} items`,
			error.length === o.expected.error,
			`got ${error.length}`,
		);
	const writeMode = writeModeOf(workflow, o.expected.node);
	if (o.expected.changes) writeModeChecks(checks, sandbox, exec.run, out!, o, writeMode);
	const reads = READ_OPERATIONS.includes(o.expected.operation ?? '');
	if (out!.inputCount !== undefined && !reads)
		checks.check(
			`${L}: every input item came out (Success + Error = input)`,
			success.length + error.length === out!.inputCount,
			`${success.length} + ${error.length} vs ${out!.inputCount} in`,
		);
	const all = [...success, ...error];
	checks.check(
		`${L}: every output item has pairedItem`,
		all.length > 0 && all.every(hasPairedItem),
		`${all.filter((i) => !hasPairedItem(i)).length} without`,
	);
	checks.check(
		`${L}: Error items carry error.message and the input`,
		error.every(
			(i) =>
				typeof i.json?.error?.message === 'string' &&
				i.json.error.message.length > 0 &&
				i.json.input !== undefined,
		),
		error[0] ? JSON.stringify(error[0].json).slice(0, 300) : 'no error items',
	);
	checks.check(
		`${L}: Success items carry no error`,
		success.every((i) => i.json?.error === undefined),
	);
	// the sandbox holds what the node says it wrote (or read)
	// A preview's `create` has no record (nothing was created): writeModeChecks looks at those.
	const ids = success
		.filter((i) => !(i.json?.change === 'create' && i.json?.written === false))
		.map((i) => String(i.json?.id ?? ''));
	const missing = ids.filter((id) => !id || !sandbox.store.get(id));
	checks.check(
		`${L}: every Success item's record id is in the sandbox store`,
		missing.length === 0,
		missing.length ? `missing ${missing.slice(0, 5).join(', ')}` : `${ids.length} records`,
	);
	if (reads) {
		if (o.expected.operation === 'getAll') {
			checks.check(
				`${L}: Get Many read no record twice`,
				new Set(ids).size === ids.length,
				`${ids.length} items, ${new Set(ids).size} distinct`,
			);
			checks.check(
				`${L}: Get Many ran once: every record paired with item 0`,
				success.every((i) => (i.pairedItem?.item ?? i.pairedItem) === 0),
				JSON.stringify(success[0]?.pairedItem),
			);
		}
		if (o.freshStore && o.expected.stored !== undefined)
			checks.check(
				`${L}: sandbox store holds the ${o.expected.stored} records the workflow wrote before reading`,
				sandbox.store.size === o.expected.stored,
				`store ${sandbox.store.size}`,
			);
		return out;
	}
	const c = sandbox.counters();
	const written =
		c.recordsCreated -
		o.countersBefore.recordsCreated +
		(c.recordsUpdated - o.countersBefore.recordsUpdated);
	// An example that seeds records before the node under test says how many the workflow writes in all.
	const expectedWritten = o.expected.written ?? success.length;
	checks.check(
		`${L}: sandbox wrote ${expectedWritten} records`,
		written === expectedWritten,
		`sandbox wrote ${written}, expected ${expectedWritten}`,
	);
	if (o.freshStore) {
		const expectedRecords = o.expected.stored ?? new Set(ids).size;
		checks.check(
			`${L}: sandbox store holds ${expectedRecords} records`,
			sandbox.store.size === expectedRecords,
			`store ${sandbox.store.size}, expected ${expectedRecords}`,
		);
	}
	if (o.idProperty) {
		const wrong = success.filter((i) => {
			const rec = sandbox.store.get(String(i.json?.id));
			return (
				rec &&
				i.json?.properties?.[o.idProperty!] !== undefined &&
				rec.properties[o.idProperty!] !== i.json.properties[o.idProperty!]
			);
		});
		checks.check(
			`${L}: stored ${o.idProperty} matches the Success items`,
			wrong.length === 0,
			`${wrong.length} differ`,
		);
	}
	return out;
}
