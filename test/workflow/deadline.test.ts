/**
 * Issue 17 §3: Timeout (Ms) bounds the whole request. A local server sends the headers at once and
 * then one byte of body every 300 ms (the answer would be complete after about 13 s): n8n's
 * helper takes the timeout as an idle timeout, which such a host never reaches. The node, driven
 * through n8n's engine and its real request helper, must end the request at the deadline, report
 * it as a timeout, count it in the run's wait budget, and still report a cancel as a cancel.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runWorkflow, type WorkflowRun } from '../../harness/runWorkflow';
import { fieldsParameters, nodeWorkflow } from '../../harness/workflows';
import { basicProperties, errorOf, goalRows, outputs } from '../../testkit/workflowRun';

const BYTE_EVERY_MS = 300;

let server: Server;
let url: string;
let requests = 0;
/** When the server saw each connection close, in ms after its request came. */
const closedAfterMs: number[] = [];

/** A complete answer, sent a byte at a time: whitespace first, so every prefix is a JSON prefix. */
function tricklingBody(): string {
	const answer = { status: 'COMPLETE', results: [] };
	return `${' '.repeat(10)}${JSON.stringify(answer)}`;
}

beforeAll(async () => {
	server = createServer((request, response) => {
		requests++;
		const came = Date.now();
		request.resume();
		response.writeHead(200, { 'content-type': 'application/json' });
		const body = tricklingBody();
		let sent = 0;
		const timer = setInterval(() => {
			if (sent < body.length) response.write(body[sent++]);
			else {
				clearInterval(timer);
				response.end();
			}
		}, BYTE_EVERY_MS);
		response.on('close', () => {
			clearInterval(timer);
			closedAfterMs.push(Date.now() - came);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
	requests = 0;
	closedAfterMs.length = 0;
});

async function upsert(options: IDataObject, cancelAfterMs?: number): Promise<WorkflowRun> {
	const parameters: INodeParameters = fieldsParameters(basicProperties, {
		options: { validateProperties: false, ...options },
	});
	return await runWorkflow(nodeWorkflow(goalRows(3), parameters), {
		credentials: { hubSpotGoalTargetsTokenApi: { accessToken: 'fake-token', baseUrl: url } },
		cancelAfterMs,
	});
}

/** Waits (up to a few seconds) until the server has seen every connection close. */
async function allClosed(): Promise<void> {
	for (let waited = 0; closedAfterMs.length < requests && waited < 5000; waited += 50)
		await new Promise((resolve) => setTimeout(resolve, 50));
}

/** The run's summary figures, as the node logs them. */
function summaryOf(result: WorkflowRun): { waitedMs: number; requests: number } {
	const entry = result.logger.entries.find(
		(e) => e.level === 'info' && e.message.includes('inputs succeeded in'),
	);
	return entry?.meta as { waitedMs: number; requests: number };
}

describe('Timeout (Ms) is a deadline for the whole request', () => {
	it('a host sending a byte every 300 ms: the request ends at the deadline, its inputs on Error as a timeout', async () => {
		const started = Date.now();
		const result = await upsert({ timeout: 1000, maxRetries: 0 });
		const elapsedMs = Date.now() - started;
		const { success, errors } = outputs(result);

		expect(elapsedMs).toBeLessThan(5000);
		expect(requests).toBe(1);
		expect(success).toEqual([]);
		expect(errors).toHaveLength(3);
		for (const item of errors) {
			// A write whose answer did not come: it may have been carried out.
			expect(errorOf(item)).toMatchObject({
				category: 'UNKNOWN_OUTCOME',
				subCategory: 'NETWORK_ERROR',
				context: { code: 'ETIMEDOUT' },
			});
			expect(errorOf(item).message).toContain('no complete answer within 1000 ms');
		}
		// The connection was closed at the deadline, not left to trickle on.
		await allClosed();
		expect(closedAfterMs).toHaveLength(1);
		expect(closedAfterMs[0]).toBeLessThan(3000);
		console.log(
			`trickling host, Timeout 1000 ms, Max Retries 0: ${elapsedMs} ms, ${requests} request, connection closed after ${closedAfterMs[0]} ms`,
		);
	});

	it('is retried like any timeout, and the time of the timed-out requests counts as waiting', async () => {
		const started = Date.now();
		const result = await upsert({ timeout: 1000, maxRetries: 2 });
		const elapsedMs = Date.now() - started;
		const { errors } = outputs(result);

		expect(requests).toBe(3);
		expect(elapsedMs).toBeLessThan(10_000);
		expect(errorOf(errors[0]).message).toContain('gave up after 2 retries');
		// Three requests of a second each, plus the backoff between them.
		const summary = summaryOf(result);
		expect(summary.waitedMs).toBeGreaterThanOrEqual(3000);
		console.log(
			`trickling host, Timeout 1000 ms, Max Retries 2: ${elapsedMs} ms, ${requests} requests, ${summary.waitedMs} ms counted as waiting`,
		);
	});

	it('a cancel during the request is still a cancel, not a timeout', async () => {
		const started = Date.now();
		const result = await upsert({ timeout: 10_000, maxRetries: 0 }, 800);
		const elapsedMs = Date.now() - started;
		const { success, errors } = outputs(result);

		expect(elapsedMs).toBeLessThan(5000);
		expect(success).toEqual([]);
		expect(errors).toHaveLength(3);
		for (const item of errors) {
			expect(errorOf(item)).toMatchObject({
				category: 'UNKNOWN_OUTCOME',
				subCategory: 'CANCELLED',
			});
			expect(errorOf(item).message).toContain(
				'The execution was cancelled while HubSpot was answering',
			);
		}
		await allClosed();
		expect(closedAfterMs).toHaveLength(1);
		expect(closedAfterMs[0]).toBeLessThan(3000);
	});
});
