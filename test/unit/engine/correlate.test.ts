import { correlateBatchResponse } from '../../../nodes/HubSpotGoalTargets/engine/correlate';
import type { InputOutcome, PreparedInput } from '../../../nodes/HubSpotGoalTargets/engine/types';
import type { UpsertInput } from '../../../nodes/HubSpotGoalTargets/actions/goalTarget/batchUpsert/batchUpsert.input';

function input(
	seq: number,
	id: string,
	traceId = `n8n-${seq}`,
	idProperty = 'key',
): PreparedInput<UpsertInput> {
	return {
		seq,
		itemIndex: seq,
		input: { id, idProperty, properties: { name: `n${seq}` }, objectWriteTraceId: traceId },
	};
}

function result(hubspotId: string, key: string, traceId?: string) {
	return {
		id: hubspotId,
		properties: { key, hs_object_id: hubspotId },
		createdAt: '2027-01-01T00:00:00Z',
		updatedAt: '2027-01-01T00:00:00Z',
		archived: false,
		new: true,
		...(traceId ? { objectWriteTraceId: traceId } : {}),
	};
}

const bySeq = (outcomes: InputOutcome[]) => [...outcomes].sort((a, b) => a.seq - b.seq);

describe('correlateBatchResponse', () => {
	it('matches shuffled results by trace id, not by position', () => {
		const inputs = [input(0, 'a'), input(1, 'b'), input(2, 'c')];
		const outcomes = bySeq(
			correlateBatchResponse(
				inputs,
				{
					status: 'COMPLETE',
					results: [
						result('3', 'c', 'n8n-2'),
						result('1', 'a', 'n8n-0'),
						result('2', 'b', 'n8n-1'),
					],
				},
				200,
			),
		);
		expect(outcomes.map((o) => (o.ok ? o.result.id : 'error'))).toEqual(['1', '2', '3']);
	});

	it('falls back to the id value when HubSpot did not echo the trace id', () => {
		const inputs = [input(0, 'a'), input(1, 'b')];
		const outcomes = bySeq(
			correlateBatchResponse(inputs, { results: [result('9', 'b'), result('8', 'a')] }, 200),
		);
		expect(outcomes.map((o) => (o.ok ? o.result.id : 'error'))).toEqual(['8', '9']);
	});

	it('sends 207 errors to the inputs they name by trace id, and the rest to success', () => {
		const inputs = [input(0, 'a'), input(1, 'b'), input(2, 'c')];
		const outcomes = bySeq(
			correlateBatchResponse(
				inputs,
				{
					results: [result('1', 'a', 'n8n-0'), result('3', 'c', 'n8n-2')],
					errors: [
						{
							status: 'error',
							category: 'VALIDATION_ERROR',
							message:
								'Property values were not valid: [{"isValid":false,"message":"x was not a valid number.","error":"INVALID_NUMBER","name":"amount"}]',
							context: { objectWriteTraceId: ['n8n-1'] },
						},
					],
					numErrors: 1,
				},
				207,
			),
		);
		expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
		const failed = outcomes[1];
		if (failed.ok) throw new Error('unreachable');
		expect(failed.error).toMatchObject({
			message: 'Property values were not valid: amount: x was not a valid number.',
			httpCode: '207',
			category: 'VALIDATION_ERROR',
		});
		expect(failed.input).toMatchObject({ id: 'b', objectWriteTraceId: 'n8n-1' });
	});

	it('ties an error to its input by id when it carries no trace id', () => {
		const inputs = [input(0, 'a'), input(1, 'b')];
		const outcomes = bySeq(
			correlateBatchResponse(
				inputs,
				{ results: [result('1', 'a')], errors: [{ message: 'bad', context: { id: ['b'] } }] },
				207,
			),
		);
		expect(outcomes.map((o) => o.ok)).toEqual([true, false]);
	});

	it('gives an input with neither result nor error an error saying so, with unattributed errors', () => {
		const inputs = [input(0, 'a'), input(1, 'b')];
		const outcomes = bySeq(
			correlateBatchResponse(
				inputs,
				{ results: [result('1', 'a', 'n8n-0')], errors: [{ message: 'something odd' }] },
				207,
			),
		);
		const missing = outcomes[1];
		if (missing.ok) throw new Error('expected an error');
		expect(missing.error.message).toMatch(/HubSpot returned no result for this input \(HTTP 207\)/);
		expect(missing.error.message).toMatch(/something odd/);
		expect(missing.error.category).toBe('NO_RESULT');
	});

	it('handles a 207 with zero results and every input failed', () => {
		const inputs = [input(0, 'a'), input(1, 'b')];
		const outcomes = correlateBatchResponse(
			inputs,
			{
				results: [],
				errors: [{ message: 'e1', context: { objectWriteTraceId: ['n8n-0', 'n8n-1'] } }],
			},
			207,
		);
		expect(outcomes.filter((o) => !o.ok)).toHaveLength(2);
	});

	it('gives every input exactly one outcome even when HubSpot repeats a result', () => {
		const inputs = [input(0, 'a'), input(1, 'b')];
		const outcomes = correlateBatchResponse(
			inputs,
			{
				results: [result('1', 'a', 'n8n-0'), result('1', 'a', 'n8n-0'), result('2', 'b', 'n8n-1')],
			},
			200,
		);
		expect(outcomes.map((o) => o.seq).sort()).toEqual([0, 1]);
	});

	it('tells apart inputs that share a user trace id by their id value', () => {
		const inputs = [input(0, 'a', 'same'), input(1, 'b', 'same')];
		const outcomes = bySeq(
			correlateBatchResponse(
				inputs,
				{ results: [result('2', 'b', 'same'), result('1', 'a', 'same')] },
				200,
			),
		);
		expect(outcomes.map((o) => (o.ok ? o.result.id : 'error'))).toEqual(['1', '2']);
	});
});
