import { createRequests } from '../../../../../nodes/HubSpotGoalTargets/actions/goalTarget/batchCreate/batchCreate.request';
import { updateRequests } from '../../../../../nodes/HubSpotGoalTargets/actions/goalTarget/batchUpdate/batchUpdate.request';
import { upsertRequests } from '../../../../../nodes/HubSpotGoalTargets/actions/goalTarget/batchUpsert/batchUpsert.request';
import { chunkInputs } from '../../../../../nodes/HubSpotGoalTargets/engine/chunk';
import type { PreparedInput } from '../../../../../nodes/HubSpotGoalTargets/engine/types';
import type { CreateInput } from '../../../../../nodes/HubSpotGoalTargets/actions/goalTarget/batchCreate/batchCreate.input';
import type { UpdateInput } from '../../../../../nodes/HubSpotGoalTargets/actions/goalTarget/batchUpdate/batchUpdate.input';

const create = (seq: number, name = `Goal ${seq}`): PreparedInput<CreateInput> => ({
	seq,
	itemIndex: seq,
	input: { properties: { hs_goal_name: name }, objectWriteTraceId: `n8n-${seq}`, associations: [] },
});

const update = (seq: number, id: string, idProperty?: string): PreparedInput<UpdateInput> => ({
	seq,
	itemIndex: seq,
	input: {
		id,
		...(idProperty ? { idProperty } : {}),
		properties: { hs_goal_name: `Goal ${seq}` },
		objectWriteTraceId: `n8n-${seq}`,
	},
});

describe('paths per API version', () => {
	it.each([
		['v3', '/crm/v3/objects/goal_targets/batch/'],
		['2026-03', '/crm/objects/2026-03/goal_targets/batch/'],
		['2026-09', '/crm/objects/2026-09/goal_targets/batch/'],
	] as const)('%s', (version, prefix) => {
		expect(createRequests(version).buildRequest([create(0)]).path).toBe(`${prefix}create`);
		expect(updateRequests(version).buildRequest([update(0, '1')]).path).toBe(`${prefix}update`);
		// 2026-09's goal-targets file has no batch upsert; the generic objects path takes goal_targets.
		expect(upsertRequests(version).buildRequest([]).path).toBe(`${prefix}upsert`);
	});
});

describe('batchCreate requests', () => {
	it("sends HubSpot's create inputs (properties, trace id, no associations) and never resends after a lost answer", () => {
		const op = createRequests('v3');
		expect(op.buildRequest([create(0), create(1)]).body).toEqual({
			inputs: [
				{ properties: { hs_goal_name: 'Goal 0' }, objectWriteTraceId: 'n8n-0', associations: [] },
				{ properties: { hs_goal_name: 'Goal 1' }, objectWriteTraceId: 'n8n-1', associations: [] },
			],
		});
		expect(op).toMatchObject({
			writes: true,
			resendAfterLostAnswer: false,
			lostAnswerMeans: 'may have been created',
			maxBatchSize: 100,
		});
		expect(op.conflictKey).toBeUndefined();
	});

	it('reads a 201 by trace id: each input gets its created record, whatever the order', () => {
		const op = createRequests('v3');
		const outcomes = op.readAnswer([create(0), create(1, 'Same name')], 201, {
			status: 'COMPLETE',
			results: [
				{
					id: '902',
					properties: { hs_goal_name: 'Same name' },
					objectWriteTraceId: 'n8n-1',
					new: true,
				},
				{
					id: '901',
					properties: { hs_goal_name: 'Goal 0' },
					objectWriteTraceId: 'n8n-0',
					new: true,
				},
			],
		})!;
		expect(
			[...outcomes].sort((a, b) => a.seq - b.seq).map((o) => (o.ok ? o.result.id : 'error')),
		).toEqual(['901', '902']);
	});

	it('names inputs with a property that does not exist when HubSpot refuses the request', () => {
		const op = createRequests('v3');
		const bad = create(1);
		bad.input.properties.hs_bogus = 'x';
		const named = op.namedByRefusal!([create(0), bad], {
			errors: [
				{ message: 'Property "hs_bogus" does not exist', context: { propertyName: ['hs_bogus'] } },
			],
		});
		expect(named.map((p) => p.seq)).toEqual([1]);
	});
});

describe('batchUpdate requests', () => {
	it('sends idProperty only when the id is not the record id; two updates of one record never share a request', () => {
		const op = updateRequests('v3');
		expect(op.buildRequest([update(0, '123'), update(1, 'k-1', 'external_goal_key')]).body).toEqual(
			{
				inputs: [
					{ id: '123', properties: { hs_goal_name: 'Goal 0' }, objectWriteTraceId: 'n8n-0' },
					{
						id: 'k-1',
						idProperty: 'external_goal_key',
						properties: { hs_goal_name: 'Goal 1' },
						objectWriteTraceId: 'n8n-1',
					},
				],
			},
		);
		const chunks = chunkInputs([update(0, '1'), update(1, '2'), update(2, '1')], {
			batchSize: 100,
			conflictKey: op.conflictKey,
		});
		expect(chunks.map((c) => c.inputs.map((p) => p.seq))).toEqual([[0, 1], [2]]);
		expect(chunks[1].after).toEqual([0]);
		expect(op).toMatchObject({
			writes: true,
			resendAfterLostAnswer: true,
			answerStatuses: [200, 207],
		});
	});

	it('a 207 naming a record id that does not exist fails that input only', () => {
		const op = updateRequests('v3');
		const outcomes = op.readAnswer([update(0, '1'), update(1, '404')], 207, {
			status: 'COMPLETE',
			results: [{ id: '1', properties: { hs_goal_name: 'Goal 0' } }],
			errors: [
				{
					status: 'error',
					category: 'OBJECT_NOT_FOUND',
					message: 'Object not found',
					context: { ids: ['404'] },
				},
			],
		})!;
		const bySeq = [...outcomes].sort((a, b) => a.seq - b.seq);
		expect(bySeq.map((o) => o.ok)).toEqual([true, false]);
		expect(bySeq[1].ok ? undefined : bySeq[1].error).toMatchObject({
			category: 'OBJECT_NOT_FOUND',
			httpCode: '207',
		});
	});
});
