/**
 * HubSpot's official Node client against the sandbox: `client.crm.objects.goals.batchApi.upsert` (goal_targets)
 * and `basicApi.getPage` read back what was written; batch create/read/update/archive and `searchApi.doSearch`
 * parse the sandbox's answers as they parse HubSpot's.
 */
import { Client } from '@hubspot/api-client';
import { FilterOperatorEnum } from '@hubspot/api-client/lib/codegen/crm/objects/goals';
import { useSandbox } from '../../testkit/sandboxFixture';

const sb = useSandbox();

test('batch upsert through @hubspot/api-client, then read back through the list API', async () => {
	const client = new Client({ accessToken: sb.tokens.readWrite, basePath: sb.url });
	const inputs = Array.from({ length: 12 }, (_, i) => ({
		id: `official-${i}`,
		idProperty: 'external_goal_key',
		objectWriteTraceId: `trace-${i}`,
		properties: {
			hs_goal_name: `Goal ${i}`,
			hs_target_amount: String(100 + i),
			hs_milestone: 'monthly',
		},
	}));
	const created = await client.crm.objects.goals.batchApi.upsert({ inputs });
	expect(created.status).toBe('COMPLETE');
	expect(created.results).toHaveLength(12);
	expect(created.results.every((r) => r._new === true)).toBe(true);
	expect(created.results.map((r) => r.objectWriteTraceId).sort()).toEqual(
		inputs.map((i) => i.objectWriteTraceId).sort(),
	);
	expect(created.results[0].createdAt).toBeInstanceOf(Date);

	const updated = await client.crm.objects.goals.batchApi.upsert({
		inputs: [
			{
				id: 'official-3',
				idProperty: 'external_goal_key',
				properties: { hs_target_amount: '999' },
			},
		],
	});
	expect(updated.results[0]._new).toBe(false);

	const seen = new Map<string, Record<string, string | null>>();
	let after: string | undefined;
	do {
		const page = await client.crm.objects.goals.basicApi.getPage(5, after, [
			'hs_goal_name',
			'hs_target_amount',
			'external_goal_key',
		]);
		for (const r of page.results) seen.set(r.properties.external_goal_key ?? '', r.properties);
		after = page.paging?.next?.after;
	} while (after);
	expect(seen.size).toBe(12);
	expect(seen.get('official-3')).toMatchObject({ hs_goal_name: 'Goal 3', hs_target_amount: '999' });
	expect(seen.get('official-7')).toMatchObject({ hs_goal_name: 'Goal 7', hs_target_amount: '107' });
	expect(sb.store.size).toBe(12);
	expect(sb.counters()).toMatchObject({ recordsCreated: 12, recordsUpdated: 1 });
});

test('a 207 comes back as a result with errors; a 403 is thrown with the HubSpot body', async () => {
	const client = new Client({ accessToken: sb.tokens.readWrite, basePath: sb.url });
	const res = await client.crm.objects.goals.batchApi.upsert({
		inputs: [
			{ id: 'mixed-ok', idProperty: 'external_goal_key', properties: { hs_goal_name: 'ok' } },
			{
				id: 'mixed-bad',
				idProperty: 'external_goal_key',
				objectWriteTraceId: 'bad-1',
				properties: { hs_milestone: 'weekly' },
			},
		],
	});
	expect(res.results).toHaveLength(1);
	const withErrors = res as typeof res & {
		numErrors?: number;
		errors?: Array<{ context: Record<string, string[]> }>;
	};
	expect(withErrors.numErrors).toBe(1);
	expect(withErrors.errors?.[0].context.objectWriteTraceId).toEqual(['bad-1']);

	const readOnly = new Client({ accessToken: sb.tokens.readOnly, basePath: sb.url });
	await expect(
		readOnly.crm.objects.goals.batchApi.upsert({
			inputs: [{ id: 'x', idProperty: 'external_goal_key', properties: {} }],
		}),
	).rejects.toMatchObject({ code: 403, body: { category: 'MISSING_SCOPES' } });
});

test('the properties API of the official client lists goal_targets properties', async () => {
	const client = new Client({ accessToken: sb.tokens.readOnly, basePath: sb.url });
	const props = await client.crm.properties.coreApi.getAll('goal_targets');
	const unique = props.results
		.filter((p) => p.hasUniqueValue)
		.map((p) => p.name)
		.sort();
	expect(unique).toEqual(['external_goal_key', 'goal_sync_id']);
});

test('batch create, read (207 for a missing id), update, archive and search through the official client', async () => {
	sb.reset();
	const client = new Client({ accessToken: sb.tokens.readWrite, basePath: sb.url });
	const created = await client.crm.objects.goals.batchApi.create({
		inputs: [1, 2, 3].map((i) => ({
			associations: [],
			objectWriteTraceId: `c-${i}`,
			properties: { hs_goal_name: `Client ${i}`, hs_target_amount: String(i) },
		})),
	});
	expect(created.results).toHaveLength(3);
	const ids = ['c-1', 'c-2', 'c-3'].map(
		(t) => created.results.find((r) => r.objectWriteTraceId === t)?.id as string,
	); // any order

	const read = await client.crm.objects.goals.batchApi.read({
		inputs: [{ id: ids[0] }, { id: '404404' }],
		properties: ['hs_goal_name'],
		propertiesWithHistory: [],
	});
	expect(read.results.map((r) => r.properties.hs_goal_name)).toEqual(['Client 1']);
	const readErrors = read as typeof read & {
		errors?: Array<{ category: string; context: Record<string, string[]> }>;
	};
	expect(readErrors.errors?.[0]).toMatchObject({
		category: 'OBJECT_NOT_FOUND',
		context: { ids: ['404404'] },
	});

	const updated = await client.crm.objects.goals.batchApi.update({
		inputs: [{ id: ids[1], properties: { hs_target_amount: '20' } }],
	});
	expect(updated.results[0].properties.hs_target_amount).toBe('20');

	await client.crm.objects.goals.batchApi.archive({ inputs: [{ id: ids[2] }] });
	expect(sb.store.get(ids[2])?.archived).toBe(true);

	const found = await client.crm.objects.goals.searchApi.doSearch({
		filterGroups: [
			{
				filters: [
					{ propertyName: 'hs_target_amount', operator: FilterOperatorEnum.Gte, value: '2' },
				],
			},
		],
		sorts: ['hs_target_amount'],
		properties: ['hs_goal_name', 'hs_target_amount'],
		limit: 10,
		after: '0',
	});
	expect(found.total).toBe(1);
	expect(found.results[0]).toMatchObject({ id: ids[1], properties: { hs_target_amount: '20' } });
});
