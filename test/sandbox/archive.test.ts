/** Batch archive (204, no body) and what archived records mean for the other endpoints. */
import {
	BatchAnswer,
	PublicObjectLike,
	VERSIONS,
	call,
	key,
	objectsPath,
	upsert,
} from '../../testkit/sandboxCalls';
import { useSandbox } from '../../testkit/sandboxFixture';

const sb = useSandbox({ rateLimit: false, shuffleResults: false });

async function seed(keys: string[]): Promise<string[]> {
	const res = await upsert<BatchAnswer>(
		sb,
		keys.map((k) => key(k, { hs_goal_name: k })),
	);
	return res.body.results.map((r) => r.id);
}

describe.each(VERSIONS)('POST batch/archive on %s', (version) => {
	test('204 with no body; the records are archived, with archivedAt; unknown and repeated ids are ignored', async () => {
		const ids = await seed(['a-1', 'a-2', 'a-3']);
		const res = await call(sb, 'POST', objectsPath(version, '/batch/archive'), {
			body: { inputs: [{ id: ids[0] }, { id: ids[1] }, { id: ids[1] }, { id: '424242' }] },
		});
		expect(res.status).toBe(204);
		expect(res.text).toBe('');
		expect(res.headers.get('content-type')).toBeNull();
		expect(sb.store.get(ids[0])).toMatchObject({ archived: true, archivedAt: expect.any(String) });
		expect(sb.store.get(ids[2])?.archived).toBe(false);
		expect(sb.counters().recordsArchived).toBe(2);
	});
});

describe('archived records elsewhere', () => {
	test('list and single get show them only with archived=true', async () => {
		const [gone, kept] = await seed(['g-1', 'g-2']);
		await call(sb, 'POST', objectsPath('v3', '/batch/archive'), {
			body: { inputs: [{ id: gone }] },
		});
		const live = await call<{ results: PublicObjectLike[] }>(sb, 'GET', objectsPath('2026-03'));
		expect(live.body.results.map((r) => r.id)).toEqual([kept]);
		const archived = await call<{ results: PublicObjectLike[] }>(
			sb,
			'GET',
			objectsPath('2026-09', '?archived=true&properties=hs_goal_name'),
		);
		expect(archived.body.results).toHaveLength(1);
		expect(archived.body.results[0]).toMatchObject({
			id: gone,
			archived: true,
			properties: { hs_goal_name: 'g-1' },
		});
		expect((await call(sb, 'GET', objectsPath('v3', `/${gone}`))).status).toBe(404);
		expect((await call(sb, 'GET', objectsPath('v3', `/${gone}?archived=true`))).status).toBe(200);
	});

	test('upsert by the key of an archived record creates a new record; update by its id fails that input', async () => {
		const [gone] = await seed(['k-1']);
		await call(sb, 'POST', objectsPath('v3', '/batch/archive'), {
			body: { inputs: [{ id: gone }] },
		});
		const again = await upsert<BatchAnswer & { results: Array<{ new: boolean }> }>(sb, [
			key('k-1', { hs_goal_name: 'back' }),
		]);
		expect(again.body.results[0]).toMatchObject({ new: true });
		expect(again.body.results[0].id).not.toBe(gone);
		const upd = await call<BatchAnswer>(sb, 'POST', objectsPath('v3', '/batch/update'), {
			body: { inputs: [{ id: gone, properties: { hs_goal_name: 'x' } }] },
		});
		expect(upd.status).toBe(207);
		expect(upd.body.errors?.[0]).toMatchObject({
			category: 'OBJECT_NOT_FOUND',
			context: { ids: [gone] },
		});
	});

	test('malformed bodies are a 400; > 100 inputs is a 400', async () => {
		expect((await call(sb, 'POST', objectsPath('v3', '/batch/archive'), { body: {} })).status).toBe(
			400,
		);
		expect(
			(await call(sb, 'POST', objectsPath('v3', '/batch/archive'), { body: { inputs: [{}] } }))
				.status,
		).toBe(400);
		const many = Array.from({ length: 101 }, (_, i) => ({ id: String(i) }));
		expect(
			(await call(sb, 'POST', objectsPath('v3', '/batch/archive'), { body: { inputs: many } }))
				.status,
		).toBe(400);
	});
});
