import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { optionsFromArgs } from '../../sandbox/cli';
import { call, key, upsert } from '../../testkit/sandboxCalls';
import { useSandbox } from '../../testkit/sandboxFixture';

interface State {
	records: Array<{
		id: string;
		properties: Record<string, string>;
		archived: boolean;
		archivedAt?: string;
	}>;
	counters: Record<string, unknown>;
	config: Record<string, unknown>;
	tokens: { readWrite: string; readOnly: string };
}

const sb = useSandbox({ rateLimit: { max: 50, intervalMs: 10_000 } }, { reset: false });

test('GET /__sandbox/state shows records and counters without auth; POST /__sandbox/reset empties everything', async () => {
	await upsert(sb, [key('a-1', { hs_goal_name: 'A' }), key('a-2')]);
	const state = await call<State>(sb, 'GET', '/__sandbox/state', { token: null });
	expect(state.status).toBe(200);
	expect(state.body.records.map((r) => r.properties.external_goal_key).sort()).toEqual([
		'a-1',
		'a-2',
	]);
	expect(state.body.counters).toMatchObject({ requests: 1, upsertRequests: 1, recordsCreated: 2 });
	expect(state.body.tokens.readWrite).toBe(sb.tokens.readWrite);
	expect(state.headers.get('x-hubspot-ratelimit-max')).toBeNull();

	const reset = await call(sb, 'POST', '/__sandbox/reset', { token: null });
	expect(reset.status).toBe(200);
	expect(sb.store.size).toBe(0);
	expect(sb.counters()).toMatchObject({ requests: 0, upsertRequests: 0, recordsCreated: 0 });
	const again = await upsert<{ results: Array<{ id: string }> }>(sb, [key('a-3')]);
	expect(again.body.results[0].id).toBe('30000000001'); // ids restart too
	expect(again.headers.get('x-hubspot-ratelimit-remaining')).toBe('49'); // window reset
});

test('state covers every operation: archived records, counters by operation and version', async () => {
	sb.reset();
	const created = await call<{ results: Array<{ id: string }> }>(
		sb,
		'POST',
		'/crm/objects/2026-03/goal_targets/batch/create',
		{ body: { inputs: [{ properties: {} }, { properties: {} }] } },
	);
	await call(sb, 'POST', '/crm/objects/2026-09/0-74/batch/archive', {
		body: { inputs: [{ id: created.body.results[0].id }] },
	});
	await call(sb, 'POST', '/crm/v3/objects/goal_targets/search', { body: {} });
	await call(sb, 'GET', '/crm/properties/2026-09/0-74');
	const state = await call<State>(sb, 'GET', '/__sandbox/state', { token: null });
	expect(state.body.records.map((r) => r.archived).sort()).toEqual([false, true]);
	expect(state.body.records.find((r) => r.archived)?.archivedAt).toEqual(expect.any(String));
	expect(state.body.counters).toMatchObject({
		recordsCreated: 2,
		recordsArchived: 1,
		searchRateLimited429: 0,
		requestsByOperation: {
			'batchCreate 2026-03': 1,
			'batchArchive 2026-09': 1,
			'search v3': 1,
			'properties 2026-09': 1,
		},
	});
	expect(state.body.config).toMatchObject({
		searchRateLimit: { max: 5, intervalMs: 1000 },
		requiredProperties: [],
	});
	sb.reset();
	expect(sb.counters().requestsByOperation).toEqual({});
});

test('POST /__sandbox/seed fills the store at once ({i} in templates); bad seeds write nothing', async () => {
	sb.reset();
	const seeded = await call<{ ok: boolean; created: number; firstId: string; lastId: string }>(
		sb,
		'POST',
		'/__sandbox/seed',
		{
			token: null,
			body: {
				count: 10_500,
				properties: {
					hs_goal_name: 'Seeded {i}',
					external_goal_key: 'seed-{i}',
					hs_target_amount: '{i}',
				},
			},
		},
	);
	expect(seeded.body).toMatchObject({
		ok: true,
		created: 10_500,
		firstId: '30000000001',
		lastId: '30000010500',
	});
	expect(sb.store.getByProperty('external_goal_key', 'seed-42')?.properties).toMatchObject({
		hs_goal_name: 'Seeded 42',
		hs_target_amount: '42',
	});
	const search = await call<{ total: number }>(sb, 'POST', '/crm/v3/objects/goal_targets/search', {
		body: { query: 'seeded', limit: 1 },
	});
	expect(search.body.total).toBe(10_500);
	for (const body of [
		{ count: 2, properties: { goal_sync_id: 'same' } },
		{ count: 1, properties: { external_goal_key: 'seed-{i}' } },
		{ count: 1, properties: { nope: 'x' } },
		{ count: 0 },
	]) {
		const bad = await call<{ ok: boolean; message: string }>(sb, 'POST', '/__sandbox/seed', {
			token: null,
			body,
		});
		expect(bad.status).toBe(400);
	}
	expect(sb.store.size).toBe(10_500);
	expect(sb.counters().requests).toBe(1); // the search; admin calls are not counted
	sb.reset();
});

test('GET /__sandbox/requests lists every API answer with its time and status, admin calls left out; reset empties it', async () => {
	sb.reset();
	await call(sb, 'POST', '/__sandbox/config', {
		token: null,
		body: { rateLimit: { max: 1, intervalMs: 10_000 } },
	});
	const before = Date.now();
	await upsert(sb, [key('r-1')]);
	await upsert(sb, [key('r-2')]);
	const log = await call<Array<{ at: number; status: number; method: string; path: string }>>(
		sb,
		'GET',
		'/__sandbox/requests',
		{ token: null },
	);
	expect(log.body.map((e) => [e.status, e.method, e.path])).toEqual([
		[200, 'POST', '/crm/v3/objects/goal_targets/batch/upsert'],
		[429, 'POST', '/crm/v3/objects/goal_targets/batch/upsert'],
	]);
	expect(log.body[0].at).toBeGreaterThanOrEqual(before);
	expect(log.body[1].at).toBeGreaterThanOrEqual(log.body[0].at);
	await call(sb, 'POST', '/__sandbox/config', {
		token: null,
		body: { rateLimit: { max: 50, intervalMs: 10_000 } },
	});
	sb.reset();
	expect((await call<unknown[]>(sb, 'GET', '/__sandbox/requests', { token: null })).body).toEqual(
		[],
	);
});

test('POST /__sandbox/config changes limits and faults at runtime; bad config is 400', async () => {
	const res = await call<{ config: { rateLimit: unknown; faults: unknown } }>(
		sb,
		'POST',
		'/__sandbox/config',
		{
			token: null,
			body: { rateLimit: { max: 2, intervalMs: 1000 }, faults: { rate: 1, kinds: ['status503'] } },
		},
	);
	expect(res.status).toBe(200);
	expect(res.body.config.rateLimit).toEqual({ max: 2, intervalMs: 1000 });
	sb.reset();
	expect((await upsert(sb, [key('c-1')])).status).toBe(503);
	await call(sb, 'POST', '/__sandbox/config', {
		token: null,
		body: { faults: null, rateLimit: false },
	});
	expect((await upsert(sb, [key('c-1')])).status).toBe(200);

	const bad = await call<{ message: string }>(sb, 'POST', '/__sandbox/config', {
		token: null,
		body: { faults: { rate: 1, kinds: ['nope'] } },
	});
	expect(bad.status).toBe(400);
	expect(bad.body.message).toMatch(/unknown fault kinds: nope/);
	const badOps = await call<{ message: string }>(sb, 'POST', '/__sandbox/config', {
		token: null,
		body: { faults: { rate: 1, kinds: ['status503'], operations: ['merge'] } },
	});
	expect(badOps.status).toBe(400);
	expect(badOps.body.message).toMatch(/faults.operations/);
	for (const body of [{ searchRateLimit: 5 }, { requiredProperties: 'hs_goal_name' }]) {
		expect((await call(sb, 'POST', '/__sandbox/config', { token: null, body })).status).toBe(400);
	}
	const ok = await call<{ config: Record<string, unknown> }>(sb, 'POST', '/__sandbox/config', {
		token: null,
		body: { searchRateLimit: false, requiredProperties: ['hs_goal_name'] },
	});
	expect(ok.body.config).toMatchObject({
		searchRateLimit: false,
		requiredProperties: ['hs_goal_name'],
	});
	await call(sb, 'POST', '/__sandbox/config', {
		token: null,
		body: { searchRateLimit: { max: 5, intervalMs: 1000 }, requiredProperties: [] },
	});
	expect((await call(sb, 'GET', '/__sandbox/nope', { token: null })).status).toBe(404);
});

test('CLI flags map to SandboxOptions', () => {
	expect(optionsFromArgs([], {})).toMatchObject({ port: 3456 });
	expect(optionsFromArgs([], { PORT: '4000' }).port).toBe(4000);
	const o = optionsFromArgs(
		[
			'--port',
			'5000',
			'--rate-max=5',
			'--rate-interval-ms',
			'500',
			'--latency=20',
			'--fault-rate=0.3',
			'--faults=status503,hang',
		],
		{},
	);
	expect(o).toMatchObject({
		port: 5000,
		rateLimit: { max: 5, intervalMs: 500 },
		latencyMs: 20,
		faults: { rate: 0.3, kinds: ['status503', 'hang'] },
	});
	expect(optionsFromArgs(['--rate-max=0'], {}).rateLimit).toBe(false);
	expect(() => optionsFromArgs(['--faults=bogus'], {})).toThrow(/Unknown fault kinds/);
	expect(
		optionsFromArgs(['--search-rate-max=2', '--required=hs_goal_name,hs_target_amount'], {}),
	).toMatchObject({
		searchRateLimit: { max: 2, intervalMs: 1000 },
		requiredProperties: ['hs_goal_name', 'hs_target_amount'],
	});
	expect(optionsFromArgs(['--search-rate-max=0'], {}).searchRateLimit).toBe(false);
});

test('cli.ts starts, prints URL and both tokens, stops on SIGINT', async () => {
	const root = path.resolve(__dirname, '../..');
	const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['sandbox/cli.ts', '--port=0'], {
		cwd: root,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let out = '';
	const url = await new Promise<string>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 15_000);
		child.stdout.on('data', (d: Buffer) => {
			out += d.toString();
			const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
			if (m && out.includes('Ctrl+C')) {
				clearTimeout(timer);
				resolve(m[1]);
			}
		});
		child.on('exit', () => reject(new Error(`exited early: ${out}`)));
	});
	expect(out).toContain('pat-sandbox-readwrite-token');
	expect(out).toContain('pat-sandbox-readonly-token');
	const res = await fetch(`${url}/crm/v3/objects/goal_targets?limit=1`, {
		headers: { Authorization: 'Bearer pat-sandbox-readonly-token' },
	});
	expect(res.status).toBe(200);
	const code = await new Promise<number | null>((resolve) => {
		child.on('exit', (c) => resolve(c));
		child.kill('SIGINT');
	});
	expect(code).toBe(0);
}, 20_000);

test('GET /__sandbox/usage: the process CPU since the last reset, per API request; reset starts it again', async () => {
	interface Usage {
		cpuUserMs: number;
		cpuSystemMs: number;
		requests: number;
		cpuMsPerRequest: number | null;
		sinceMs: number;
	}
	const usage = async () =>
		(await call<Usage>(sb, 'GET', '/__sandbox/usage', { token: null })).body;
	sb.reset();
	expect(await usage()).toMatchObject({ requests: 0, cpuMsPerRequest: null });
	await upsert(sb, [key('u-1')]);
	await upsert(sb, [key('u-2')]);
	// this test's process is the sandbox's: 50 ms of CPU spent here are the sandbox's too
	const from = process.cpuUsage();
	const spent = () => {
		const c = process.cpuUsage(from);
		return (c.user + c.system) / 1000;
	};
	while (spent() < 50);
	const after = await usage();
	const cpuMs = after.cpuUserMs + after.cpuSystemMs;
	expect(after.requests).toBe(2); // admin calls are not counted
	expect(cpuMs).toBeGreaterThanOrEqual(50);
	expect(after.cpuMsPerRequest).toBeCloseTo(cpuMs / 2, 6);
	sb.reset();
	const again = await usage();
	expect(again.requests).toBe(0);
	expect(again.cpuUserMs + again.cpuSystemMs).toBeLessThan(cpuMs);
	expect(again.sinceMs).toBeLessThanOrEqual(after.sinceMs);
});
