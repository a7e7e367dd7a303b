import { call, key, upsert } from '../../testkit/sandboxCalls';
import { useSandbox } from '../../testkit/sandboxFixture';

interface RateBody {
	status: string;
	message: string;
	errorType: string;
	policyName: string;
	correlationId: string;
}

const sb = useSandbox(
	{ rateLimit: { max: 5, intervalMs: 500 } },
	{ restore: { rateLimit: { max: 5, intervalMs: 500 }, dailyLimit: 500_000 } },
);

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

test('every authenticated response carries the X-HubSpot-RateLimit-* headers', async () => {
	const res = await upsert(sb, [key('h-1')]);
	expect(res.headers.get('x-hubspot-ratelimit-max')).toBe('5');
	expect(res.headers.get('x-hubspot-ratelimit-remaining')).toBe('4');
	expect(res.headers.get('x-hubspot-ratelimit-interval-milliseconds')).toBe('500');
	expect(res.headers.get('x-hubspot-ratelimit-daily')).toBe('500000');
	expect(res.headers.get('x-hubspot-ratelimit-daily-remaining')).toBe('499999');
	for (const path of [
		'/crm/v3/objects/goal_targets',
		'/crm/v3/properties/goal_targets',
		'/crm/v3/nope',
	]) {
		const r = await call(sb, 'GET', path);
		expect(r.headers.get('x-hubspot-ratelimit-remaining')).not.toBeNull();
	}
	const bad = await upsert(sb, [{ id: 'x', properties: {} }]);
	expect(bad.status).toBe(400);
	expect(bad.headers.get('x-hubspot-ratelimit-max')).toBe('5');
});

test('past the rolling window: 429 TEN_SECONDLY_ROLLING; the window rolls on', async () => {
	const statuses: number[] = [];
	for (let i = 0; i < 5; i++) statuses.push((await upsert(sb, [key(`r-${i}`)])).status);
	expect(statuses).toEqual([200, 200, 200, 200, 200]);
	const limited = await upsert<RateBody>(sb, [key('r-5')]);
	expect(limited.status).toBe(429);
	expect(limited.body).toMatchObject({
		status: 'error',
		message: 'You have reached your ten_secondly_rolling limit.',
		errorType: 'RATE_LIMIT',
		policyName: 'TEN_SECONDLY_ROLLING',
	});
	expect(limited.body.correlationId).toMatch(/^[0-9a-f-]{36}$/);
	expect(limited.headers.get('x-hubspot-ratelimit-remaining')).toBe('0');
	expect(sb.store.getByProperty('external_goal_key', 'r-5')).toBeUndefined();
	expect(sb.counters().rateLimited429).toBe(1);

	// the read-only token has its own window
	expect(
		(await call(sb, 'GET', '/crm/v3/objects/goal_targets', { token: sb.tokens.readOnly })).status,
	).toBe(200);

	await sleep(550);
	const after = await upsert(sb, [key('r-5')]);
	expect(after.status).toBe(200);
	expect(after.headers.get('x-hubspot-ratelimit-remaining')).toBe('4');
});

test('429s count toward the window (hammering keeps you limited)', async () => {
	sb.configure({ rateLimit: { max: 5, intervalMs: 600 } });
	for (let i = 0; i < 5; i++) await call(sb, 'GET', '/crm/v3/objects/goal_targets');
	const fifthDone = Date.now();
	await sleep(300);
	for (let i = 0; i < 3; i++)
		expect((await call(sb, 'GET', '/crm/v3/objects/goal_targets')).status).toBe(429);
	// wait until the first five have left the window; the three 429s (sent >= 300 ms later) have not
	await sleep(Math.max(0, fifthDone + 620 - Date.now()));
	const res = await call(sb, 'GET', '/crm/v3/objects/goal_targets');
	expect(res.status).toBe(200);
	expect(res.headers.get('x-hubspot-ratelimit-remaining')).toBe('1');
});

test('daily quota spent: 429 DAILY, counted separately; 429s do not use daily quota', async () => {
	sb.configure({ dailyLimit: 3, rateLimit: false });
	for (let i = 0; i < 3; i++)
		expect((await call(sb, 'GET', '/crm/v3/objects/goal_targets')).status).toBe(200);
	const res = await upsert<RateBody>(sb, [key('d-1')]);
	expect(res.status).toBe(429);
	expect(res.body).toMatchObject({
		message: 'You have reached your daily limit.',
		errorType: 'RATE_LIMIT',
		policyName: 'DAILY',
	});
	expect(res.headers.get('x-hubspot-ratelimit-daily-remaining')).toBe('0');
	expect(res.headers.get('x-hubspot-ratelimit-max')).toBeNull(); // burst limit disabled: no burst headers
	expect(sb.counters()).toMatchObject({ daily429: 1, rateLimited429: 0 });
	expect(sb.store.size).toBe(0);
});

test('rateLimit:false lets bursts through', async () => {
	sb.configure({ rateLimit: false });
	const results = await Promise.all(
		Array.from({ length: 20 }, () => call(sb, 'GET', '/crm/v3/objects/goal_targets?limit=1')),
	);
	expect(results.every((r) => r.status === 200)).toBe(true);
});
