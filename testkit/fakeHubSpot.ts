/**
 * A HubSpot faked at the HTTP level on 127.0.0.1, for answers the sandbox does not give: each test
 * sets `respond`; every request is recorded. And a runner of our node against it.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import { runWorkflow, type WorkflowRun } from '../harness/runWorkflow';
import { nodeWorkflow } from '../harness/workflows';

export interface Received {
	method: string;
	path: string;
	query: URLSearchParams;
	body: IDataObject | undefined;
	/** When it arrived (Date.now()). */
	at: number;
}

export interface Answer {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
}

export interface FakeHubSpot {
	/** Set once `beforeAll` has started the server. */
	url: string;
	received: Received[];
	/** The answer to the `index`th request (0-based) since the last reset. */
	respond: (request: Received, index: number) => Answer;
	reset(): void;
}

async function bodyOf(request: IncomingMessage): Promise<IDataObject | undefined> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	const text = Buffer.concat(chunks).toString('utf8');
	return text ? (JSON.parse(text) as IDataObject) : undefined;
}

/** Serves `fake` until the returned close is called. */
async function serve(fake: FakeHubSpot): Promise<() => Promise<void>> {
	const server: Server = createServer((request, response) => {
		void bodyOf(request).then((body) => {
			const parsed = new URL(request.url ?? '/', 'http://127.0.0.1');
			const entry: Received = {
				method: request.method ?? 'GET',
				path: parsed.pathname,
				query: parsed.searchParams,
				body,
				at: Date.now(),
			};
			fake.received.push(entry);
			const answer = fake.respond(entry, fake.received.length - 1);
			response.writeHead(answer.status, {
				'content-type': 'application/json',
				...(answer.headers ?? {}),
			});
			response.end(JSON.stringify(answer.body));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return async () => await new Promise<void>((resolve) => server.close(() => resolve()));
}

/**
 * The fake for the tests of a file: started before them, closed after them, its record of requests
 * emptied before each. `respond` stays what a test last set it to.
 */
export function useFakeHubSpot(): FakeHubSpot {
	const fake: FakeHubSpot = {
		url: '',
		received: [],
		respond: () => ({ status: 500, body: { message: 'no answer set' } }),
		reset: () => (fake.received.length = 0),
	};
	let close: (() => Promise<void>) | undefined;
	beforeAll(async () => {
		close = await serve(fake);
	});
	afterAll(async () => await close?.());
	beforeEach(() => fake.reset());
	return fake;
}

/** Runs our node with `operation` and `parameters` on `inputs`, its token credential pointing at `fake`. */
export async function runAgainst(
	fake: FakeHubSpot,
	operation: string,
	parameters: INodeParameters,
	inputs: IDataObject[] = [{}],
	settings: Partial<INode> = {},
): Promise<WorkflowRun> {
	return await runWorkflow(nodeWorkflow(inputs, { operation, ...parameters }, settings), {
		credentials: { hubSpotGoalTargetsTokenApi: { accessToken: 'fake-token', baseUrl: fake.url } },
	});
}
