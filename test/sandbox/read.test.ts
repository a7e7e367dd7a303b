import { GOAL_TARGET_PROPERTIES } from '../../sandbox';
import { call, key, upsert } from '../../testkit/sandboxCalls';
import { useSandbox } from '../../testkit/sandboxFixture';

interface Obj {
	id: string;
	properties: Record<string, string>;
	createdAt: string;
	updatedAt: string;
	archived: boolean;
}
interface Page<T> {
	results: T[];
	paging?: { next: { after: string; link?: string } };
}
interface Prop {
	name: string;
	type: string;
	fieldType: string;
	hasUniqueValue: boolean;
	hidden: boolean;
	calculated: boolean;
	archived: boolean;
	options: Array<{ value: string; label: string }>;
	modificationMetadata: {
		readOnlyValue: boolean;
		readOnlyDefinition: boolean;
		archivable: boolean;
	};
}

const sb = useSandbox({ rateLimit: false }, { reset: false });
beforeAll(async () => {
	const inputs = Array.from({ length: 25 }, (_, i) =>
		key(`list-${String(i).padStart(2, '0')}`, {
			hs_goal_name: `Goal ${i}`,
			hs_target_amount: String(i * 10),
		}),
	);
	await upsert(sb, inputs);
});

describe('GET /crm/v3/objects/goal_targets', () => {
	test('default page: 10 records, default properties only, paging.next.after', async () => {
		const res = await call<Page<Obj>>(sb, 'GET', '/crm/v3/objects/goal_targets');
		expect(res.status).toBe(200);
		expect(res.body.results).toHaveLength(10);
		expect(Object.keys(res.body.results[0].properties).sort()).toEqual([
			'hs_createdate',
			'hs_lastmodifieddate',
			'hs_object_id',
		]);
		expect(res.body.paging?.next.after).toMatch(/^\d+$/);
	});

	test('pages through everything with limit/after and returns requested properties', async () => {
		const seen: Obj[] = [];
		let after: string | undefined;
		let pages = 0;
		do {
			const q = `limit=7&properties=hs_goal_name,external_goal_key${after ? `&after=${after}` : ''}`;
			const res = await call<Page<Obj>>(sb, 'GET', `/crm/v3/objects/goal_targets?${q}`);
			expect(res.status).toBe(200);
			seen.push(...res.body.results);
			after = res.body.paging?.next.after;
			pages++;
		} while (after);
		expect(pages).toBe(4);
		expect(seen).toHaveLength(25);
		expect(new Set(seen.map((o) => o.id)).size).toBe(25);
		expect(seen[3].properties).toMatchObject({
			hs_goal_name: 'Goal 3',
			external_goal_key: 'list-03',
		});
		expect(seen[3].properties.hs_target_amount).toBeUndefined();
	});

	test('repeated properties params work like a comma list; unknown ones are ignored', async () => {
		const res = await call<Page<Obj>>(
			sb,
			'GET',
			'/crm/v3/objects/goal_targets?limit=1&properties=hs_goal_name&properties=hs_target_amount&properties=nope',
		);
		expect(Object.keys(res.body.results[0].properties).sort()).toEqual([
			'hs_createdate',
			'hs_goal_name',
			'hs_lastmodifieddate',
			'hs_object_id',
			'hs_target_amount',
		]);
	});

	test('limit above 100 or below 1 is a 400; archived=true lists archived records (none)', async () => {
		expect((await call(sb, 'GET', '/crm/v3/objects/goal_targets?limit=101')).status).toBe(400);
		expect((await call(sb, 'GET', '/crm/v3/objects/goal_targets?limit=0')).status).toBe(400);
		expect((await call(sb, 'GET', '/crm/v3/objects/goal_targets?limit=100')).status).toBe(200);
		const archived = await call<Page<Obj>>(sb, 'GET', '/crm/v3/objects/goal_targets?archived=true');
		expect(archived.body).toEqual({ results: [] });
	});

	test('GET one by id and by idProperty; 404 when missing', async () => {
		const rec = sb.store.getByProperty('external_goal_key', 'list-05');
		const byId = await call<Obj>(
			sb,
			'GET',
			`/crm/v3/objects/goal_targets/${rec?.id}?properties=hs_goal_name`,
		);
		expect(byId.status).toBe(200);
		expect(byId.body.properties.hs_goal_name).toBe('Goal 5');
		const byKey = await call<Obj>(
			sb,
			'GET',
			'/crm/v3/objects/goal_targets/list-05?idProperty=external_goal_key',
		);
		expect(byKey.body.id).toBe(rec?.id);
		expect((await call(sb, 'GET', '/crm/v3/objects/goal_targets/999')).status).toBe(404);
	});
});

describe('GET /crm/v3/properties/goal_targets', () => {
	test('lists the live properties with HubSpot metadata; the archived one is left out', async () => {
		const res = await call<Page<Prop>>(sb, 'GET', '/crm/v3/properties/goal_targets');
		expect(res.status).toBe(200);
		expect(res.body.paging).toBeUndefined();
		const byName = new Map(res.body.results.map((p) => [p.name, p]));
		expect(byName.has('goal_legacy_region')).toBe(false);
		expect(byName.get('external_goal_key')).toMatchObject({
			label: 'External goal key',
			type: 'string',
			hasUniqueValue: true,
		});
		expect(byName.get('goal_sync_id')?.hasUniqueValue).toBe(true);
		expect(byName.get('hs_kpi_value')).toMatchObject({
			calculated: true,
			modificationMetadata: { readOnlyValue: true },
		});
		expect(byName.get('hs_createdate')?.modificationMetadata.readOnlyValue).toBe(true);
		expect(byName.get('hs_legacy_goal_id')?.hidden).toBe(true);
		expect(byName.get('goal_is_stretch')).toMatchObject({
			type: 'bool',
			fieldType: 'booleancheckbox',
		});
		expect(byName.get('goal_is_stretch')?.options.map((o) => o.value)).toEqual(['true', 'false']);
		expect(byName.get('hs_milestone')?.options.map((o) => o.value)).toEqual([
			'monthly',
			'quarterly',
			'annually',
		]);
		const types = new Set(res.body.results.map((p) => p.type));
		expect([...types].sort()).toEqual([
			'bool',
			'date',
			'datetime',
			'enumeration',
			'number',
			'string',
		]);
	});

	test('archived=true lists only the archived property; 0-74 works as the object type', async () => {
		const res = await call<Page<Prop>>(sb, 'GET', '/crm/v3/properties/goal_targets?archived=true');
		expect(res.body.results.map((p) => p.name)).toEqual(['goal_legacy_region']);
		const byId = await call<Page<Prop>>(sb, 'GET', '/crm/v3/properties/0-74');
		expect(byId.body.results).toHaveLength(GOAL_TARGET_PROPERTIES.length - 1);
	});

	test('optional limit/after paging covers every property exactly once', async () => {
		const names: string[] = [];
		let after: string | undefined;
		do {
			const res = await call<Page<Prop>>(
				sb,
				'GET',
				`/crm/v3/properties/goal_targets?limit=5${after ? `&after=${after}` : ''}`,
			);
			names.push(...res.body.results.map((p) => p.name));
			after = res.body.paging?.next.after;
		} while (after);
		expect(names).toHaveLength(GOAL_TARGET_PROPERTIES.length - 1);
		expect(new Set(names).size).toBe(names.length);
	});

	test('one property by name; unknown is 404; another object type is 400', async () => {
		const res = await call<Prop>(sb, 'GET', '/crm/v3/properties/goal_targets/external_goal_key');
		expect(res.body.hasUniqueValue).toBe(true);
		expect((await call(sb, 'GET', '/crm/v3/properties/goal_targets/nope')).status).toBe(404);
		expect((await call(sb, 'GET', '/crm/v3/properties/not_an_object')).status).toBe(400);
	});
});
