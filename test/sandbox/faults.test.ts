import { FaultKind, startSandbox } from '../../sandbox';
import { UPSERT_PATH, call, key, rawRequest, upsert } from '../../testkit/sandboxCalls';
import { useSandbox } from '../../testkit/sandboxFixture';

const sb = useSandbox(
	{ rateLimit: false, shuffleResults: false },
	{ restore: { faults: undefined, latencyMs: 0 } },
);

const only = (kind: FaultKind): void => sb.configure({ faults: { rate: 1, kinds: [kind] } });
const body = (id: string): string => JSON.stringify({ inputs: [key(id, { hs_goal_name: 'x' })] });
const send = (id: string, timeoutMs = 2000): ReturnType<typeof rawRequest> =>
	rawRequest(
		sb.url,
		'POST',
		UPSERT_PATH,
		{ Authorization: `Bearer ${sb.tokens.readWrite}`, 'Content-Type': 'application/json' },
		body(id),
		timeoutMs,
	);

test.each([
	['status500', 500, 'application/json', 'INTERNAL_ERROR'],
	['status503', 503, 'application/json', 'SERVICE_UNAVAILABLE'],
	['status423', 423, 'application/json', 'LOCKED'],
	['status477', 477, 'application/json', 'MIGRATION_IN_PROGRESS'],
	['rateLimit429', 429, 'application/json', 'RATE_LIMITS'],
	['status502', 502, 'text/html', undefined],
	['status504', 504, 'text/html', undefined],
] as Array<[FaultKind, number, string, string | undefined]>)(
	'%s -> %i, store untouched',
	async (kind, status, type, category) => {
		only(kind);
		const res = await upsert<{ category?: string; policyName?: string }>(sb, [key('f-1')]);
		expect(res.status).toBe(status);
		expect(res.headers.get('content-type')).toContain(type);
		if (category) expect(res.body.category).toBe(category);
		else expect(res.text).toContain(`<title>${status}`);
		if (kind === 'status477') expect(res.headers.get('retry-after')).toBe('1');
		if (kind === 'rateLimit429') expect(res.body.policyName).toBe('TEN_SECONDLY_ROLLING');
		expect(sb.store.size).toBe(0);
		expect(sb.counters().faultsSent).toBe(1);
	},
);

test('reset: the connection is reset before any response, nothing is written', async () => {
	only('reset');
	const out = await send('f-reset');
	expect(out.kind).toBe('error');
	if (out.kind === 'error') expect(['ECONNRESET', 'EPIPE']).toContain(out.code);
	expect(sb.store.size).toBe(0);
});

test('resetAfterWrite: the write happens, the answer is lost; the retry is idempotent', async () => {
	only('resetAfterWrite');
	const out = await send('f-raw');
	expect(out.kind).toBe('error');
	expect(sb.store.size).toBe(1);
	const id = sb.store.getByProperty('external_goal_key', 'f-raw')?.id;
	sb.configure({ faults: undefined });
	const retry = await upsert<{ results: Array<{ id: string; new: boolean }> }>(sb, [
		key('f-raw', { hs_goal_name: 'x' }),
	]);
	expect(retry.body.results[0]).toMatchObject({ id, new: false });
	expect(sb.store.size).toBe(1);
});

test('resetAfterWrite on batch create: the records exist, the answer is lost, and sending again makes more', async () => {
	only('resetAfterWrite');
	const body = JSON.stringify({
		inputs: [{ properties: { hs_goal_name: 'maybe' }, objectWriteTraceId: 'c-1' }],
	});
	const headers = {
		Authorization: `Bearer ${sb.tokens.readWrite}`,
		'Content-Type': 'application/json',
	};
	const out = await rawRequest(
		sb.url,
		'POST',
		'/crm/objects/2026-03/goal_targets/batch/create',
		headers,
		body,
	);
	expect(out.kind).toBe('error');
	expect(sb.store.size).toBe(1);
	sb.configure({ faults: undefined });
	await rawRequest(sb.url, 'POST', '/crm/objects/2026-03/goal_targets/batch/create', headers, body);
	expect(sb.store.size).toBe(2); // create is not safe to repeat
});

test('hang: no answer until the client times out; close() still ends promptly', async () => {
	only('hang');
	const started = Date.now();
	const out = await send('f-hang', 300);
	expect(out.kind).toBe('error');
	if (out.kind === 'error') expect(out.code).toBe('CLIENT_TIMEOUT');
	expect(Date.now() - started).toBeGreaterThanOrEqual(290);
	expect(sb.store.size).toBe(0);

	// a hung request on a separate sandbox does not keep close() waiting
	const other = await startSandbox({ faults: { rate: 1, kinds: ['hang'] } });
	const pending = fetch(`${other.url}${UPSERT_PATH}`, {
		method: 'POST',
		headers: {
			Authorization: `Bearer ${other.tokens.readWrite}`,
			'Content-Type': 'application/json',
		},
		body: body('h'),
	}).catch((e: unknown) => e);
	await new Promise((r) => setTimeout(r, 50));
	const t0 = Date.now();
	await other.close();
	expect(Date.now() - t0).toBeLessThan(1000);
	expect(await pending).toHaveProperty('message', 'fetch failed'); // undici's TypeError, from another realm
});

test('truncated: 200 with the full Content-Length but half a body; JSON parsing fails', async () => {
	only('truncated');
	const out = await send('f-trunc');
	expect(out.kind).toBe('response');
	if (out.kind === 'response') {
		expect(out.status).toBe(200);
		expect(out.complete).toBe(false);
		expect(Buffer.byteLength(out.text)).toBeLessThan(Number(out.headers['content-length']));
		expect(() => JSON.parse(out.text)).toThrow();
	}
	// fetch: the body read fails
	await expect(upsert(sb, [key('f-trunc2')])).rejects.toThrow();
	expect(sb.store.size).toBe(0);
});

test('faults hit object endpoints (narrowed by operations), never properties; seeded; rate 0 turns them off', async () => {
	sb.configure({ faults: { rate: 1, kinds: ['status503'] } });
	expect((await call(sb, 'GET', '/crm/v3/objects/goal_targets')).status).toBe(503);
	expect((await call(sb, 'POST', '/crm/objects/2026-09/0-74/search', { body: {} })).status).toBe(
		503,
	);
	sb.configure({ faults: { rate: 1, kinds: ['rateLimit429'], operations: ['search'] } });
	const search429 = await call<{ policyName: string }>(
		sb,
		'POST',
		'/crm/v3/objects/goal_targets/search',
		{ body: {} },
	);
	expect([
		search429.status,
		search429.body.policyName,
		search429.headers.get('x-hubspot-ratelimit-remaining'),
	]).toEqual([429, 'SECONDLY', null]);
	sb.configure({ faults: { rate: 1, kinds: ['status503'] } });
	expect((await call(sb, 'GET', '/crm/v3/properties/goal_targets')).status).toBe(200);
	sb.configure({ faults: { rate: 1, kinds: ['status503'], operations: ['batchUpsert'] } });
	expect((await call(sb, 'GET', '/crm/v3/objects/goal_targets')).status).toBe(200);
	expect((await upsert(sb, [key('only-upserts')])).status).toBe(503);

	const pattern = async (seed: number): Promise<number[]> => {
		const s = await startSandbox({
			rateLimit: false,
			faults: { rate: 0.5, kinds: ['status500', 'status503'], seed },
		});
		const statuses: number[] = [];
		for (let i = 0; i < 12; i++) statuses.push((await upsert(s, [key(`p-${i}`)])).status);
		await s.close();
		return statuses;
	};
	const a = await pattern(42);
	expect(await pattern(42)).toEqual(a);
	expect(a.some((s) => s === 200)).toBe(true);
	expect(a.some((s) => s !== 200)).toBe(true);

	sb.configure({ faults: { rate: 0, kinds: ['status503'] } });
	expect((await upsert(sb, [key('off')])).status).toBe(200);
});

test('latencyMs delays every API request', async () => {
	sb.configure({ latencyMs: 120 });
	const t0 = Date.now();
	await call(sb, 'GET', '/crm/v3/objects/goal_targets');
	expect(Date.now() - t0).toBeGreaterThanOrEqual(110);
});
