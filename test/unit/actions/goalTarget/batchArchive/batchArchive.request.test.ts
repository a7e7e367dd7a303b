import { archiveRequests } from '../../../../../nodes/HubSpotGoalTargets/actions/goalTarget/batchArchive/batchArchive.request';
import type { RecordRef } from '../../../../../nodes/HubSpotGoalTargets/actions/goalTarget/common/recordIds';
import { judgeAttempt } from '../../../../../nodes/HubSpotGoalTargets/engine/retryPolicy';
import type { PreparedInput } from '../../../../../nodes/HubSpotGoalTargets/engine/types';

const refs = (ids: string[]): Array<PreparedInput<RecordRef>> =>
	ids.map((id, seq) => ({ seq, itemIndex: seq, input: { id, idProperty: '' } }));

describe('batchArchive requests', () => {
	it('sends each record id once, on the chosen API version', () => {
		expect(archiveRequests('v3').buildRequest(refs(['1', '2', '1']))).toEqual({
			method: 'POST',
			path: '/crm/v3/objects/goal_targets/batch/archive',
			body: { inputs: [{ id: '1' }, { id: '2' }] },
		});
		expect(archiveRequests('2026-09').buildRequest(refs(['1'])).path).toBe(
			'/crm/objects/2026-09/goal_targets/batch/archive',
		);
	});

	it('204 with no body is the answer: every input archived, each with its own Success item', () => {
		const op = archiveRequests('v3');
		expect(
			judgeAttempt({ kind: 'response', statusCode: 204, body: '', headers: {} }, op.answerStatuses)
				.kind,
		).toBe('answered');
		expect(op.readAnswer(refs(['1', '1']), 204, undefined)).toEqual([
			{ seq: 0, itemIndex: 0, ok: true, result: { id: '1', archived: true } },
			{ seq: 1, itemIndex: 1, ok: true, result: { id: '1', archived: true } },
		]);
	});

	it('a 200 is not the answer archive gives: treated as unreadable, not as success', () => {
		const verdict = judgeAttempt(
			{ kind: 'response', statusCode: 200, body: {}, headers: {} },
			archiveRequests('v3').answerStatuses,
		);
		expect(verdict).toMatchObject({ kind: 'retry', answerLost: true });
	});
});
