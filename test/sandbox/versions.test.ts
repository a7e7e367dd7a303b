/**
 * The three API versions' paths: upsert (2026-09 only on the generic objects path, which is the same path), list,
 * properties; the scopes every operation needs on every version; rate-limit headers on all but search.
 */
import {
	BatchAnswer,
	VERSIONS,
	Version,
	call,
	key,
	objectsPath,
	partial,
} from '../../testkit/sandboxCalls';
import { useSandbox } from '../../testkit/sandboxFixture';

const sb = useSandbox(
	{ rateLimit: { max: 1000, intervalMs: 10_000 }, searchRateLimit: false },
	{ restore: { requiredProperties: [] } },
);

const PROPERTIES: Record<Version, string> = {
	v3: '/crm/v3/properties/goal_targets',
	'2026-03': '/crm/properties/2026-03/goal_targets',
	'2026-09': '/crm/properties/2026-09/goal_targets',
};

describe.each(VERSIONS)('%s paths', (version) => {
	test('batch upsert creates, then updates by key; partial failures as the version declares them', async () => {
		const path = objectsPath(version, '/batch/upsert');
		const created = await call<BatchAnswer>(sb, 'POST', path, {
			body: { inputs: [key(`v-${version}`, { hs_goal_name: 'A' })] },
		});
		expect(created.status).toBe(200);
		const mixed = await call<BatchAnswer>(sb, 'POST', path, {
			body: {
				inputs: [
					key(`v-${version}`, { hs_goal_name: 'B' }, 'ok'),
					key('bad', { hs_milestone: 'weekly' }, 'bad'),
				],
			},
		});
		expect(mixed.status).toBe(partial(version, 200));
		expect(mixed.body.numErrors).toBe(1);
		expect(mixed.body.errors?.[0].context.objectWriteTraceId).toEqual(['bad']);
		expect(mixed.body.results[0]).toMatchObject({ id: created.body.results[0].id, new: false });
		expect(sb.counters().requestsByOperation[`batchUpsert ${version}`]).toBe(2);
	});

	test('list pages, and properties (also by 0-74) are served', async () => {
		await call(sb, 'POST', objectsPath(version, '/batch/create'), {
			body: { inputs: [{ properties: {} }, { properties: {} }, { properties: {} }] },
		});
		const page = await call<{ results: unknown[]; paging?: { next: { after: string } } }>(
			sb,
			'GET',
			objectsPath(version, '?limit=2'),
		);
		expect(page.status).toBe(200);
		expect(page.body.results).toHaveLength(2);
		const rest = await call<{ results: unknown[] }>(
			sb,
			'GET',
			objectsPath(version, `?limit=2&after=${page.body.paging?.next.after}`),
		);
		expect(rest.body.results).toHaveLength(1);
		for (const p of [PROPERTIES[version], PROPERTIES[version].replace('goal_targets', '0-74')]) {
			const props = await call<{ results: Array<{ name: string; hasUniqueValue: boolean }> }>(
				sb,
				'GET',
				p,
			);
			expect(props.status).toBe(200);
			expect(
				props.body.results
					.filter((x) => x.hasUniqueValue)
					.map((x) => x.name)
					.sort(),
			).toEqual(['external_goal_key', 'goal_sync_id']);
		}
		expect((await call(sb, 'GET', `${PROPERTIES[version]}/hs_milestone`)).status).toBe(200);
		// 2026-09's Property schema has no numberDisplayHint; the older versions send it.
		const amount = await call<Record<string, unknown>>(
			sb,
			'GET',
			`${PROPERTIES[version]}/hs_target_amount`,
		);
		expect(amount.body.numberDisplayHint).toBe(version === '2026-09' ? undefined : 'formatted');
		expect(
			(await call(sb, 'GET', PROPERTIES[version].replace('goal_targets', 'deals'))).status,
		).toBe(400);
	});
});

test('2026-09 upsert (generic objects path, 0-74) enforces required properties; v3 upsert does not', async () => {
	sb.configure({ requiredProperties: ['hs_target_amount'] });
	const res = await call<BatchAnswer>(sb, 'POST', objectsPath('2026-09', '/batch/upsert', '0-74'), {
		body: {
			inputs: [
				key('req-1', { hs_target_amount: '1' }),
				key('req-2', { hs_goal_name: 'no amount' }, 'req-2'),
			],
		},
	});
	expect(res.status).toBe(200);
	expect(res.body.results).toHaveLength(1);
	expect(res.body.errors?.[0]).toMatchObject({
		context: { objectWriteTraceId: ['req-2'] },
		errors: [{ code: 'MISSING_REQUIRED_PROPERTY' }],
	});
	const update = await call<BatchAnswer>(sb, 'POST', objectsPath('2026-09', '/batch/upsert'), {
		body: { inputs: [key('req-1', { hs_goal_name: 'amount kept' })] },
	});
	expect(update.status).toBe(200);
	expect(update.body.errors).toBeUndefined();
	expect(
		(
			await call(sb, 'POST', objectsPath('v3', '/batch/upsert'), {
				body: { inputs: [key('req-3')] },
			})
		).status,
	).toBe(200);
});

describe('scopes: read for list, get, batch read, search; write for every write; on every version', () => {
	const cases: Array<[string, string, string, unknown, 'read' | 'write']> = [
		['list', 'GET', '', undefined, 'read'],
		['get', 'GET', '/1', undefined, 'read'],
		['batch read', 'POST', '/batch/read', { inputs: [{ id: '1' }], properties: [] }, 'read'],
		['search', 'POST', '/search', {}, 'read'],
		['create', 'POST', '', { properties: {} }, 'write'],
		['update', 'PATCH', '/1', { properties: {} }, 'write'],
		['archive', 'DELETE', '/1', undefined, 'write'],
		['batch upsert', 'POST', '/batch/upsert', { inputs: [key('s')] }, 'write'],
		['batch create', 'POST', '/batch/create', { inputs: [{ properties: {} }] }, 'write'],
		['batch update', 'POST', '/batch/update', { inputs: [{ id: '1', properties: {} }] }, 'write'],
		['batch archive', 'POST', '/batch/archive', { inputs: [{ id: '1' }] }, 'write'],
	];
	test.each(VERSIONS.flatMap((v) => cases.map((c) => [v, ...c] as const)))(
		'%s %s',
		async (version, _name, method, suffix, body, scope) => {
			const path = objectsPath(version, suffix);
			const readOnly = await call<{
				category: string;
				errors: Array<{ context: Record<string, string[]> }>;
			}>(sb, method, path, { body, token: sb.tokens.readOnly });
			if (scope === 'read') {
				expect(readOnly.status).not.toBe(403);
			} else {
				expect(readOnly.status).toBe(403);
				expect(readOnly.body.category).toBe('MISSING_SCOPES');
				expect(readOnly.body.errors[0].context.requiredGranularScopes).toEqual([
					'crm.objects.goals.write',
				]);
			}
			const noToken = await call(sb, method, path, { body, token: null });
			expect(noToken.status).toBe(401);
			const rw = await call(sb, method, path, { body });
			expect([200, 201, 204, 207, 404]).toContain(rw.status);
			// Rate-limit headers on every answer but search's.
			expect(rw.headers.get('x-hubspot-ratelimit-max')).toBe(suffix === '/search' ? null : '1000');
		},
	);
});
