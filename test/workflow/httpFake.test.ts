/**
 * Cases the sandbox does not produce, with HubSpot faked at the HTTP level: answers that name
 * inputs only by id, or leave an input out entirely, and a 409. Also checks every request body the
 * node sends against the project's schema for it (and HubSpot's OpenAPI files when present).
 */
import { fieldsParameters } from '../../harness/workflows';
import { runAgainst, useFakeHubSpot } from '../../testkit/fakeHubSpot';
import { hubspotFilesPresent } from '../../testkit/hubspotOpenApi';
import { reportHubSpotFiles, requestSchemaFor, validateContract } from '../../testkit/openapi';
import {
	basicProperties,
	errorOf,
	goalRows,
	outputs,
	pairedIndexes,
} from '../../testkit/workflowRun';

type Input = {
	id: string;
	idProperty: string;
	properties: Record<string, string>;
	objectWriteTraceId: string;
};
type Responder = (inputs: Input[]) => { status: number; body: unknown };

reportHubSpotFiles();

const fake = useFakeHubSpot();
const received = fake.received;
let respond: Responder;
fake.respond = (request) => respond((request.body as { inputs: Input[] }).inputs);

const result = (input: Input, n: number, echoTrace = true) => ({
	id: String(100 + n),
	properties: { ...input.properties, [input.idProperty]: input.id },
	createdAt: '2027-01-01T00:00:00.000Z',
	updatedAt: '2027-01-01T00:00:00.000Z',
	archived: false,
	new: true,
	...(echoTrace ? { objectWriteTraceId: input.objectWriteTraceId } : {}),
});

/** A 200 (no errors) or 207 batch answer, shaped as HubSpot's schema has it. */
function batchAnswer(results: unknown[], errors: unknown[] = []) {
	return {
		status: errors.length > 0 ? 207 : 200,
		body: {
			status: 'COMPLETE',
			startedAt: '2027-01-01T00:00:00.000Z',
			completedAt: '2027-01-01T00:00:01.000Z',
			results,
			...(errors.length > 0 ? { numErrors: errors.length, errors } : {}),
		},
	};
}

async function runAgainstFake(rows = goalRows(4), extraOptions = {}) {
	const parameters = fieldsParameters(basicProperties, {
		options: { validateProperties: false, ...extraOptions },
	});
	return await runAgainst(fake, 'batchUpsert', parameters, rows);
}

describe('HubSpot faked at the HTTP level', () => {
	it('matches results and errors that carry no trace id by the id value, in reverse order', async () => {
		respond = (inputs) =>
			batchAnswer(
				inputs
					.filter((_, i) => i !== 1)
					.reverse()
					.map((input, n) => result(input, n, false)),
				[
					{
						status: 'error',
						category: 'VALIDATION_ERROR',
						message: 'bad amount',
						context: { id: [inputs[1].id] },
					},
				],
			);
		const { success, errors } = outputs(await runAgainstFake());
		expect(pairedIndexes(success)).toEqual([0, 2, 3]);
		for (const item of success) {
			const index = (item.pairedItem as { item: number }).item;
			expect((item.json.properties as Record<string, string>).external_goal_key).toBe(`K-${index}`);
		}
		expect(pairedIndexes(errors)).toEqual([1]);
		expect(errorOf(errors[0]).message).toBe('bad amount');
	});

	it('sends an input HubSpot answered nothing for to Error, saying so', async () => {
		respond = (inputs) =>
			batchAnswer(
				inputs.slice(1).map((input, n) => result(input, n)),
				[
					{
						status: 'error',
						category: 'VALIDATION_ERROR',
						message: 'an error about nobody in particular',
					},
				],
			);
		const { success, errors } = outputs(await runAgainstFake());
		expect(success).toHaveLength(3);
		expect(pairedIndexes(errors)).toEqual([0]);
		expect(errorOf(errors[0]).message).toMatch(
			/HubSpot returned no result for this input.*an error about nobody in particular/,
		);
	});

	it('sends every input of a request refused with 409 to Error with HubSpot message and category', async () => {
		respond = () => ({
			status: 409,
			body: {
				status: 'error',
				message: 'Conflict while writing',
				category: 'CONFLICT',
				correlationId: 'corr-409',
			},
		});
		const { success, errors } = outputs(
			await runAgainstFake(goalRows(3), { isolateFailures: false }),
		);
		expect(success).toEqual([]);
		expect(errors.map((item) => errorOf(item))).toEqual(
			Array(3).fill(
				expect.objectContaining({
					httpCode: '409',
					category: 'CONFLICT',
					correlationId: 'corr-409',
					message: 'Conflict while writing',
				}),
			),
		);
	});

	it("sends request bodies that match batch-upsert-request (and HubSpot's schemas when present)", async () => {
		respond = (inputs) => batchAnswer(inputs.map((input, n) => result(input, n)));
		const rows = goalRows(150);
		rows[3] = { ...rows[0] };
		await runAgainstFake(rows);
		expect(received).toHaveLength(2);
		for (const { path, body } of received) {
			expect(requestSchemaFor(path)).toBe('batch-upsert-request');
			const checks = validateContract('batch-upsert-request', body);
			expect(checks.filter((check) => !check.valid)).toEqual([]);
			expect(checks.length).toBe(hubspotFilesPresent() ? 4 : 1);
			const inputs = (body as { inputs: Input[] }).inputs;
			expect(inputs.length).toBeLessThanOrEqual(100);
			expect(new Set(inputs.map((i) => i.id)).size).toBe(inputs.length);
			expect(new Set(inputs.map((i) => i.objectWriteTraceId)).size).toBe(inputs.length);
		}
	});
});
