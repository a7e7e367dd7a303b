import {
	BatchAnswer,
	VERSIONS,
	call,
	key,
	objectsPath,
	partial,
	upsert,
} from '../../testkit/sandboxCalls';
import { useSandbox } from '../../testkit/sandboxFixture';

const sb = useSandbox({ rateLimit: false }, { reset: false });
let ids: string[];
beforeAll(async () => {
	const res = await upsert<BatchAnswer>(
		sb,
		[1, 2, 3].map((i) =>
			key(`r-${i}`, { hs_goal_name: `Read ${i}`, hs_target_amount: String(i * 100) }),
		),
	);
	ids = ['r-1', 'r-2', 'r-3'].map(
		(k) => sb.store.getByProperty('external_goal_key', k)?.id as string,
	);
	expect(res.status).toBe(200);
});

const read = (version: (typeof VERSIONS)[number], body: unknown, query = '') =>
	call<BatchAnswer>(sb, 'POST', objectsPath(version, `/batch/read${query}`), { body });

describe.each(VERSIONS)('POST batch/read on %s', (version) => {
	test('all found: 200, requested properties plus the defaults, nothing else', async () => {
		const res = await read(version, {
			inputs: ids.map((id) => ({ id })),
			properties: ['hs_goal_name'],
			propertiesWithHistory: [],
		});
		expect(res.status).toBe(200);
		expect(res.body.errors).toBeUndefined();
		expect(res.body.results.map((r) => r.id).sort()).toEqual([...ids].sort());
		const r1 = res.body.results.find((r) => r.id === ids[0]);
		expect(r1?.properties).toEqual({
			hs_goal_name: 'Read 1',
			hs_object_id: ids[0],
			hs_createdate: r1?.createdAt,
			hs_lastmodifieddate: r1?.updatedAt,
		});
	});

	test('ids not found: one OBJECT_NOT_FOUND error naming them in context.ids; found ones still come back', async () => {
		const res = await read(version, {
			inputs: [{ id: ids[1] }, { id: '999' }, { id: '998' }],
			properties: [],
		});
		expect(res.status).toBe(partial(version, 200));
		expect(res.body.results.map((r) => r.id)).toEqual([ids[1]]);
		expect(res.body.numErrors).toBe(1);
		const [err] = res.body.errors ?? [];
		expect(err).toMatchObject({
			status: 'error',
			category: 'OBJECT_NOT_FOUND',
			links: {},
			errors: [],
		});
		expect(err.message).toMatch(/Could not get some GOAL_TARGET objects/);
		expect(err.context.ids.sort()).toEqual(['998', '999']);
	});

	test('idProperty (request level) reads by a unique property; a non-unique one is a 400', async () => {
		const res = await read(version, {
			idProperty: 'external_goal_key',
			inputs: [{ id: 'r-3' }, { id: 'nope' }],
			properties: ['hs_target_amount'],
		});
		expect(res.status).toBe(partial(version, 200));
		expect(res.body.results[0]).toMatchObject({
			id: ids[2],
			properties: { hs_target_amount: '300', external_goal_key: 'r-3' },
		});
		expect(res.body.errors?.[0].context.ids).toEqual(['nope']);
		const bad = await read(version, { idProperty: 'hs_goal_name', inputs: [{ id: 'Read 1' }] });
		expect(bad.status).toBe(400);
		expect(bad.body).toMatchObject({ category: 'VALIDATION_ERROR' });
	});

	test('propertiesWithHistory lists past values, newest first', async () => {
		await upsert(sb, [key('r-2', { hs_target_amount: '250' })]);
		const res = await read(version, {
			inputs: [{ id: ids[1] }],
			properties: [],
			propertiesWithHistory: ['hs_target_amount'],
		});
		const history = res.body.results[0].propertiesWithHistory?.hs_target_amount ?? [];
		expect(history.map((h) => h.value).slice(0, 2)).toEqual(['250', '200']);
		expect(history[0]).toMatchObject({ sourceType: 'API' });
		expect(Date.parse(history[0].timestamp)).toBeGreaterThanOrEqual(
			Date.parse(history[1].timestamp),
		);
		await upsert(sb, [key('r-2', { hs_target_amount: '200' })]);
	});
});

describe('batch/read edge cases', () => {
	test('a repeated id is read once; numbers are taken as ids; more than 100 inputs is a 400', async () => {
		const res = await read('v3', {
			inputs: [{ id: ids[0] }, { id: ids[0] }, { id: Number(ids[1]) }],
			properties: [],
		});
		expect(res.status).toBe(200);
		expect(res.body.results.map((r) => r.id).sort()).toEqual([ids[0], ids[1]].sort());
		const tooMany = await read('v3', {
			inputs: Array.from({ length: 101 }, (_, i) => ({ id: String(i) })),
			properties: [],
		});
		expect(tooMany.status).toBe(400);
		expect((await read('v3', { properties: [] })).status).toBe(400);
		expect(
			(await call(sb, 'POST', objectsPath('v3', '/batch/read'), { rawBody: '{' })).status,
		).toBe(400);
	});

	test('archived records: not found by default, found with archived=true (query or body) and only then', async () => {
		const created = await upsert<BatchAnswer>(sb, [key('r-archived', { hs_goal_name: 'Old' })]);
		const id = created.body.results[0].id;
		expect(
			(await call(sb, 'POST', objectsPath('v3', '/batch/archive'), { body: { inputs: [{ id }] } }))
				.status,
		).toBe(204);
		const live = await read('2026-03', { inputs: [{ id }, { id: ids[0] }], properties: [] });
		expect(live.status).toBe(207);
		expect(live.body.errors?.[0].context.ids).toEqual([id]);
		const archived = await read(
			'2026-03',
			{ inputs: [{ id }, { id: ids[0] }], properties: ['hs_goal_name'] },
			'?archived=true',
		);
		expect(archived.body.results).toHaveLength(1);
		expect(archived.body.results[0]).toMatchObject({
			id,
			archived: true,
			properties: { hs_goal_name: 'Old' },
		});
		expect(archived.body.results[0].archivedAt).toEqual(expect.any(String));
		expect(archived.body.errors?.[0].context.ids).toEqual([ids[0]]);
		const inBody = await read('v3', { inputs: [{ id }], properties: [], archived: true });
		expect(inBody.body.results.map((r) => r.id)).toEqual([id]);
	});

	test('the 2026-09 path takes 0-74 as the object type', async () => {
		const res = await call<BatchAnswer>(sb, 'POST', objectsPath('2026-09', '/batch/read', '0-74'), {
			body: { inputs: [{ id: ids[0] }], properties: [] },
		});
		expect(res.status).toBe(200);
		expect(res.body.results[0].id).toBe(ids[0]);
	});
});
