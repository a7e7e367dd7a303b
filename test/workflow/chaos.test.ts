/**
 * Chaos: thousands of items through the node in n8n's engine against the sandbox with injected
 * faults (429, 5xx, 423, 477, resets, writes whose answer is lost, hangs, cut-off bodies) and rows
 * HubSpot refuses inside a 207; the daily quota running out midway; a record that makes HubSpot
 * refuse a whole batch without naming it; and pacing at HubSpot's window. Fixed seeds throughout.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { runWorkflow } from '../../harness/runWorkflow';
import { ALL_FAULT_KINDS, startSandbox, type Sandbox } from '../../sandbox';
import {
	expectedProperties,
	ID_PROPERTY,
	makeRows,
	NODE_NAME,
	nodeTypesFor,
	generatedRowsWorkflow,
	type NodeOptions,
	type Row,
} from '../../testkit/workload';
import { useFakeHubSpot } from '../../testkit/fakeHubSpot';
import { expectEachItemOnce, pairedIndexes } from '../../testkit/workflowRun';

const credentials = (url: string, token: string) => ({
	hubSpotGoalTargetsTokenApi: { accessToken: token, baseUrl: url },
});

async function run(
	sandboxUrl: string,
	token: string,
	rows: Row[],
	options: NodeOptions,
	onError?: 'continueErrorOutput' | 'continueRegularOutput',
) {
	return await runWorkflow(generatedRowsWorkflow(options, { onError }), {
		credentials: credentials(sandboxUrl, token),
		nodeTypes: nodeTypesFor(rows),
	});
}

/** Every Success item is in the sandbox with the values sent. */
function expectWritten(sandbox: Sandbox, rows: Row[], success: INodeExecutionData[]) {
	for (const index of pairedIndexes(success)) {
		const row = rows[index];
		const record = sandbox.store.getByProperty(ID_PROPERTY, row.key);
		expect(record).toBeDefined();
		expect(record!.properties).toMatchObject(expectedProperties(row));
	}
}

describe('chaos: faults, refused rows, quota, isolation, pacing', () => {
	let sandbox: Sandbox;
	afterEach(async () => await sandbox?.close());

	it('3,000 items through every fault kind: each item once, Success written once, Error = the rows HubSpot refused', async () => {
		sandbox = await startSandbox({
			rateLimit: { max: 50, intervalMs: 1000 },
			latencyMs: 2,
			seed: 11,
			faults: {
				rate: 0.3,
				seed: 11,
				kinds: [...ALL_FAULT_KINDS],
			},
		});
		const invalid = (i: number) => i % 97 === 13;
		const rows = makeRows(3000, { prefix: 'chaos', invalid });
		const result = await run(sandbox.url, sandbox.tokens.readWrite, rows, {
			timeout: 1000,
			maxRetries: 8,
			maxConcurrency: 4,
			// Let the refused amounts reach HubSpot, to be refused there inside a 207.
			validateProperties: false,
		});
		expect(result.run.status).toBe('success');
		const [success, errors] = result.outputsOf(NODE_NAME);
		expectEachItemOnce(rows.length, success, errors);

		const invalidIndexes = rows.map((_, i) => i).filter(invalid);
		expect(pairedIndexes(errors)).toEqual(invalidIndexes);
		for (const item of errors) {
			expect((item.json.error as { message: string }).message).toContain(
				'lots was not a valid number',
			);
			expect((item.json.error as { httpCode: string }).httpCode).toBe('207');
		}
		expectWritten(sandbox, rows, success);

		const counters = sandbox.counters();
		expect(sandbox.store.size).toBe(rows.length - invalidIndexes.length);
		expect(counters.recordsCreated).toBe(sandbox.store.size);
		// The faults did happen, each kind of them.
		expect(counters.faultsSent).toBeGreaterThan(5);
		expect(counters.responsesByStatus['207']).toBeGreaterThan(0);
	});

	it('daily quota spent midway: the node stops with a clear error; what was written is written', async () => {
		sandbox = await startSandbox({ rateLimit: false, dailyLimit: 12 });
		const rows = makeRows(3000, { prefix: 'daily' });
		const result = await run(sandbox.url, sandbox.tokens.readWrite, rows, { maxConcurrency: 2 });
		expect(result.run.status).toBe('error');
		const error = result.errorOf(NODE_NAME);
		expect(error?.message).toMatch(/daily request limit for this account is spent/);
		expect(sandbox.counters().daily429).toBeGreaterThanOrEqual(1);
		// 12 requests: the property read and 11 batches.
		expect(sandbox.store.size).toBe(1100);
	});

	it.each(['continueErrorOutput', 'continueRegularOutput'] as const)(
		'daily quota spent midway with %s: the unsent go to Error, each item once',
		async (onError) => {
			sandbox = await startSandbox({ rateLimit: false, dailyLimit: 12 });
			const rows = makeRows(3000, { prefix: 'daily' });
			const result = await run(
				sandbox.url,
				sandbox.tokens.readWrite,
				rows,
				{ maxConcurrency: 2 },
				onError,
			);
			expect(result.run.status).toBe('success');
			const [success, errors] = result.outputsOf(NODE_NAME);
			expectEachItemOnce(rows.length, success, errors);
			expect(success).toHaveLength(1100);
			expectWritten(sandbox, rows, success);
			const messages = errors.map((item) => (item.json.error as { message: string }).message);
			expect(messages.every((m) => /daily request limit for this account is spent/.test(m))).toBe(
				true,
			);
			expect(errors).toHaveLength(1900);
			// The requests answered 429 DAILY (one per request in flight) say so; the rest were never sent.
			expect(messages.filter((m) => m.startsWith('Not sent:')).length).toBeGreaterThanOrEqual(1700);
		},
	);

	it('pacing at the default window ratio (100 requests per 2 s here) keeps 429s under 2% of requests', async () => {
		sandbox = await startSandbox({ rateLimit: { max: 100, intervalMs: 2000 }, latencyMs: 20 });
		const rows = makeRows(3500, { prefix: 'pace' });
		const result = await run(sandbox.url, sandbox.tokens.readWrite, rows, {
			batchSize: 10,
			maxConcurrency: 8,
		});
		expect(result.run.status).toBe('success');
		const [success, errors] = result.outputsOf(NODE_NAME);
		expect(errors).toHaveLength(0);
		expect(success).toHaveLength(rows.length);
		const counters = sandbox.counters();
		expect(counters.upsertRequests).toBeGreaterThanOrEqual(350);
		expect(counters.rateLimited429 / counters.requests).toBeLessThan(0.02);
		expect(sandbox.store.size).toBe(rows.length);
	});
});

describe('isolation against HubSpot faked at the HTTP level', () => {
	const fake = useFakeHubSpot();
	const BAD = 'iso-42';
	fake.respond = (request) => {
		const { inputs } = request.body as {
			inputs: Array<{
				id: string;
				idProperty: string;
				properties: Record<string, string>;
				objectWriteTraceId: string;
			}>;
		};
		// Refused whole, and the answer does not say which input (as HubSpot does for a body it cannot read).
		return inputs.some((input) => input.id === BAD)
			? {
					status: 400,
					body: {
						status: 'error',
						category: 'VALIDATION_ERROR',
						message: 'Invalid input JSON on line 1, column 9012: Cannot deserialize value',
						correlationId: 'x',
					},
				}
			: {
					status: 200,
					body: {
						status: 'COMPLETE',
						startedAt: '2027-01-01T00:00:00.000Z',
						completedAt: '2027-01-01T00:00:00.000Z',
						results: inputs.map((input, n) => ({
							id: String(500 + n),
							properties: { ...input.properties, [input.idProperty]: input.id },
							createdAt: '2027-01-01T00:00:00.000Z',
							updatedAt: '2027-01-01T00:00:00.000Z',
							archived: false,
							new: true,
							objectWriteTraceId: input.objectWriteTraceId,
						})),
					},
				};
	};

	it('a bad record in a batch of 100: isolation finds exactly it, in at most 2·7 extra requests', async () => {
		const rows = makeRows(100, { prefix: 'iso' });
		const result = await run(fake.url, 'pat-na1-fake', rows, { validateProperties: false });
		expect(result.run.status).toBe('success');
		const [success, errors] = result.outputsOf(NODE_NAME);
		expect(pairedIndexes(errors)).toEqual([42]);
		expect((errors[0].json.error as { message: string }).message).toContain('Invalid input JSON');
		expect(success).toHaveLength(99);
		expectEachItemOnce(100, success, errors);
		const requests = fake.received.map(
			(request) => (request.body as { inputs: unknown[] }).inputs.length,
		);
		expect(requests[0]).toBe(100);
		expect(requests.length - 1).toBeLessThanOrEqual(14);
	});
});
