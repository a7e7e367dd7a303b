/**
 * The sandbox stores and returns values in the forms HubSpot documents (sandbox/storedForms.ts), not as they were
 * sent; reads return the properties asked for by name with null when they have no value; and it counts the
 * requests that could have written something.
 */
import { expectContract, reportHubSpotFiles } from '../../testkit/openapi';
import { BatchAnswer, VERSIONS, call, key, objectsPath, upsert } from '../../testkit/sandboxCalls';
import { useSandbox } from '../../testkit/sandboxFixture';

reportHubSpotFiles();

const sb = useSandbox({ rateLimit: false });

const read = (version: (typeof VERSIONS)[number], ids: string[], properties: string[]) =>
	call<BatchAnswer>(sb, 'POST', objectsPath(version, '/batch/read'), {
		body: { idProperty: 'external_goal_key', inputs: ids.map((id) => ({ id })), properties },
	});

describe('values as HubSpot stores them', () => {
	test.each([
		['hs_target_amount', '42500.0', '42500'],
		['hs_target_amount', '+0042500.50', '42500.5'],
		['hs_target_amount', '4.25e4', '42500'],
		['hs_target_amount', '-0.000', '0'],
		['hs_target_amount', '12345678901234567890.10', '12345678901234567890.1'],
		['hs_target_amount', '1.5E-7', '0.00000015'],
		['hs_start_datetime', '2027-01-01T01:00:00+01:00', '2027-01-01T00:00:00.000Z'],
		['hs_start_datetime', '1798761600000', '2027-01-01T00:00:00.000Z'],
		['hs_start_datetime', '2027-01-31T23:59:59.999Z', '2027-01-31T23:59:59.999Z'],
		['goal_review_date', '1805068800000', '2027-03-15'],
		['goal_review_date', '2027-03-15', '2027-03-15'],
		['goal_is_stretch', 'TRUE', 'true'],
		['hs_goal_name', ' spaces and 42500.0 kept ', ' spaces and 42500.0 kept '],
	])('%s sent as %p is stored and returned as %p', async (name, sent, stored) => {
		const written = await upsert<BatchAnswer>(sb, [key('f-1', { [name]: sent })]);
		expect(written.status).toBe(200);
		expect(written.body.results[0].properties[name]).toBe(stored);
		const answer = await read('v3', ['f-1'], [name]);
		expect(answer.body.results[0].properties[name]).toBe(stored);
		expect(sb.store.getByProperty('external_goal_key', 'f-1')?.properties[name]).toBe(stored);
	});
});

describe.each(VERSIONS)('batch read on %s', (version) => {
	test('returns properties asked for by name without a value as null, leaves out names no property has', async () => {
		await upsert(sb, [key('n-1', { hs_goal_name: 'Named' })]);
		const answer = await read(
			version,
			['n-1'],
			['hs_goal_name', 'hs_target_amount', 'no_such_property'],
		);
		expect(answer.status).toBe(200);
		const [record] = answer.body.results;
		expect(record.properties).toEqual({
			hs_goal_name: 'Named',
			hs_target_amount: null,
			external_goal_key: 'n-1',
			hs_object_id: record.id,
			hs_createdate: record.createdAt,
			hs_lastmodifieddate: record.updatedAt,
		});
		// Valid under the project's schema and HubSpot's files (for v3 and 2026-03 with the documented deviation).
		expectContract('batch-response', answer.body);
	});
});

describe('write requests counter', () => {
	test('counts every request to a write endpoint, whatever its outcome, and no read', async () => {
		await upsert(sb, [key('w-1', { hs_goal_name: 'A' })]);
		await upsert(sb, [key('w-2', { hs_target_amount: 'not a number' })]);
		await read('v3', ['w-1'], ['hs_goal_name']);
		await call(sb, 'GET', objectsPath('v3', '?limit=10'));
		await call(sb, 'POST', objectsPath('2026-09', '/batch/update'), {
			body: { inputs: [{ id: '1', properties: { hs_goal_name: 'B' } }] },
		});
		expect(sb.counters()).toMatchObject({ requests: 5, writeRequests: 3, upsertRequests: 2 });
		sb.reset();
		expect(sb.counters().writeRequests).toBe(0);
	});
});
