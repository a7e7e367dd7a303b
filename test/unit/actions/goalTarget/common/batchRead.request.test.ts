import { readRequests } from '../../../../../nodes/HubSpotGoalTargets/actions/goalTarget/common/batchRead.request';
import {
	buildRecordRef,
	type RecordRef,
} from '../../../../../nodes/HubSpotGoalTargets/actions/goalTarget/common/recordIds';
import type { PreparedInput } from '../../../../../nodes/HubSpotGoalTargets/engine/types';

function refs(ids: string[], idProperty = ''): Array<PreparedInput<RecordRef>> {
	return ids.map((id, seq) => ({ seq, itemIndex: seq, input: { id, idProperty } }));
}

const record = (id: string, properties: Record<string, string> = {}) => ({
	id,
	properties: { hs_object_id: id, ...properties },
	createdAt: '2027-01-01T00:00:00Z',
	updatedAt: '2027-01-01T00:00:00Z',
	archived: false,
});

describe('batchRead requests', () => {
	it('by record id: each id once, the properties asked for, archived as a query parameter, per API version', () => {
		const op = readRequests('v3', { properties: ['hs_goal_name'], archived: false });
		expect(op.buildRequest(refs(['1', '2', '1']))).toEqual({
			method: 'POST',
			path: '/crm/v3/objects/goal_targets/batch/read',
			body: {
				inputs: [{ id: '1' }, { id: '2' }],
				properties: ['hs_goal_name'],
				propertiesWithHistory: [],
			},
			qs: { archived: false },
		});
		expect(
			readRequests('2026-09', { properties: [], archived: true }).buildRequest(refs(['1'])),
		).toMatchObject({
			path: '/crm/objects/2026-09/goal_targets/batch/read',
			qs: { archived: true },
		});
		expect(
			readRequests('2026-03', { properties: [], archived: false }).buildRequest(refs(['1'])).path,
		).toBe('/crm/objects/2026-03/goal_targets/batch/read');
	});

	it('by a unique property: idProperty in the body, and the property asked for so answers can be matched', () => {
		const op = readRequests('v3', { properties: ['hs_goal_name'], archived: false });
		expect(op.buildRequest(refs(['k-1'], 'external_goal_key')).body).toEqual({
			idProperty: 'external_goal_key',
			inputs: [{ id: 'k-1' }],
			properties: ['hs_goal_name', 'external_goal_key'],
			propertiesWithHistory: [],
		});
	});

	it('groups inputs into requests by idProperty (request-level in HubSpot)', () => {
		const op = readRequests('v3', { properties: [], archived: false });
		expect(op.requestKey?.({ id: '1', idProperty: '' })).not.toBe(
			op.requestKey?.({ id: '1', idProperty: 'k' }),
		);
	});

	it('tells a refusal of a request-level parameter: idProperty for its inputs, properties and archived for all', () => {
		const op = readRequests('v3', { properties: ['x'], archived: false });
		const byName = refs(['a', 'b'], 'hs_goal_name');
		const refused = (statusCode: number, body: unknown) =>
			op.refusedParameter!(byName, statusCode, body);
		const nonUnique = refused(400, {
			message: 'Unable to read by non-unique 0-74 property hs_goal_name',
		});
		expect(nonUnique?.name).toBe("idProperty 'hs_goal_name'");
		expect(nonUnique?.carriedBy({ id: '1', idProperty: 'hs_goal_name' })).toBe(true);
		expect(nonUnique?.carriedBy({ id: '1', idProperty: 'external_goal_key' })).toBe(false);
		const inIdProperty = refused(400, {
			message: 'Bad',
			errors: [{ message: 'x', in: 'idProperty' }],
		});
		expect(inIdProperty?.name).toBe("idProperty 'hs_goal_name'");
		const properties = refused(400, {
			message: 'Bad',
			errors: [{ message: 'x', in: 'properties' }],
		});
		expect(properties?.name).toBe('the same properties');
		expect(properties?.carriedBy({ id: '1', idProperty: '' })).toBe(true);
		const archived = refused(400, { message: 'Bad', errors: [{ message: 'x', in: 'archived' }] });
		expect(archived?.name).toBe('archived=false');
		// Anything else may be one input's doing: isolated as before.
		expect(refused(400, { message: 'Invalid input JSON', errors: [{ in: 'inputs[1].id' }] })).toBe(
			undefined,
		);
		expect(refused(413, { errors: [{ message: 'x', in: 'properties' }] })).toBeUndefined();
	});

	it('a 207 answer: records to their inputs (duplicates each get it), ids not found fail one input each', () => {
		const op = readRequests('v3', { properties: [], archived: false });
		const inputs = refs(['1', '404', '2', '1', '405']);
		const outcomes = op.readAnswer(inputs, 207, {
			status: 'COMPLETE',
			results: [record('2'), record('1')],
			numErrors: 1,
			errors: [
				{
					status: 'error',
					category: 'OBJECT_NOT_FOUND',
					message:
						'Could not get some GOAL_TARGET objects, they may be deleted or not exist. Check that ids are valid.',
					context: { ids: ['404', '405'] },
				},
			],
		})!;
		const bySeq = [...outcomes].sort((a, b) => a.seq - b.seq);
		expect(
			bySeq.map((o) =>
				o.ok ? `ok ${String(o.result.id)}` : `error ${String(o.error.context?.ids)}`,
			),
		).toEqual(['ok 1', 'error 404', 'ok 2', 'ok 1', 'error 405']);
		const notFound = bySeq[1];
		expect(notFound.ok ? undefined : notFound.error).toMatchObject({
			category: 'OBJECT_NOT_FOUND',
			httpCode: '207',
		});
	});

	it('matches by the unique property value when reading by it; a body that is not a batch answer is unreadable', () => {
		const op = readRequests('v3', { properties: [], archived: false });
		const outcomes = op.readAnswer(refs(['k-2', 'k-1'], 'key'), 200, {
			results: [record('11', { key: 'k-1' }), record('12', { key: 'k-2' })],
		})!;
		expect(
			[...outcomes].sort((a, b) => a.seq - b.seq).map((o) => (o.ok ? o.result.id : 'error')),
		).toEqual(['12', '11']);
		expect(op.readAnswer(refs(['1']), 200, '{"results":[')).toBeUndefined();
	});

	it('is not a write: a lost answer may be asked again', () => {
		const op = readRequests('v3', { properties: [], archived: false });
		expect(op).toMatchObject({
			writes: false,
			resendAfterLostAnswer: true,
			answerStatuses: [200, 207],
			maxBatchSize: 100,
		});
	});
});

describe('buildRecordRef', () => {
	it('takes a record id (digits) or any value of a unique property', () => {
		expect(buildRecordRef(0, 0, ' 123 ', '')).toEqual({
			seq: 0,
			itemIndex: 0,
			input: { id: '123', idProperty: '' },
		});
		expect(buildRecordRef(1, 1, 456, undefined)).toMatchObject({
			input: { id: '456', idProperty: '' },
		});
		expect(buildRecordRef(2, 2, '2027-01-EMEA', 'external_goal_key')).toMatchObject({
			input: { id: '2027-01-EMEA', idProperty: 'external_goal_key' },
		});
	});

	it.each([
		['', '', "Item 3: 'idValue' is empty"],
		[null, '', "Item 3: 'idValue' is missing"],
		[{ a: 1 }, '', "Item 3: 'idValue' is not text or a number"],
		[
			'2027-01-EMEA',
			'',
			"Item 3: 'idValue' '2027-01-EMEA' is not a HubSpot record id (digits only); to use another property's values, set ID Property",
		],
		['1', 7, "Item 3: 'idProperty' must be a property name, or empty for the HubSpot record id"],
	])('refuses %p (idProperty %p) naming the item and the field', (idValue, idProperty, message) => {
		const built = buildRecordRef(3, 9, idValue, idProperty);
		expect(built).toMatchObject({
			seq: 9,
			itemIndex: 3,
			error: { message, category: 'INVALID_INPUT' },
		});
	});
});
