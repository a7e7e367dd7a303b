/**
 * Issue 17 §4: answers are bounded. n8n's helper reads any answer whole and parses it; the node
 * asks it for a stream and reads at most 32 MiB (decompressed) of one answer. A local server
 * answers 52 MB of JSON, or 200 KB of gzip that inflates to 200 MB; the node, driven through n8n's
 * engine and its real request helper, must refuse both with a clear error, without holding them in
 * memory (peak growth of the process measured while it runs) and without sending the request again.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGzip } from 'node:zlib';

import type { INode, INodeParameters } from 'n8n-workflow';

import { runWorkflow, type WorkflowRun } from '../../harness/runWorkflow';
import { fieldsParameters, nodeWorkflow } from '../../harness/workflows';
import {
	basicProperties,
	errorOf,
	goalRows,
	OUR_NODE_NAME,
	outputs,
} from '../../testkit/workflowRun';

const MB = 1024 * 1024;
const JSON_ANSWER_BYTES = 52 * MB;
const INFLATED_BYTES = 200 * MB;

type Answer = 'json52MB' | 'gzipBomb';

let server: Server;
let url: string;
let answer: Answer;
let gzipBomb: Buffer;
let requests = 0;
/** Bytes of the 52 MB answer the server got to write before the connection closed. */
let written = 0;

/** `{"results":[{"id":"1","properties":{"hs_goal_name":"xxxx…"}}]}` of `size` bytes, in 1 MiB writes. */
function writeHugeJson(response: ServerResponse, size: number): void {
	const head = '{"results":[{"id":"1","properties":{"hs_goal_name":"';
	const tail = '"}}]}';
	const chunk = Buffer.alloc(MB, 'x');
	let left = size - head.length - tail.length;
	response.write(head);
	const writeMore = () => {
		while (left > 0) {
			const part = left >= MB ? chunk : chunk.subarray(0, left);
			left -= part.length;
			written += part.length;
			if (!response.write(part)) return void response.once('drain', writeMore);
		}
		response.end(tail);
	};
	response.on('close', () => (left = 0));
	writeMore();
}

/** 200 MB of the same JSON shape, gzipped while streaming (no 200 MB buffer in the test). */
async function makeGzipBomb(): Promise<Buffer> {
	const gzip = createGzip({ level: 9 });
	const parts: Buffer[] = [];
	gzip.on('data', (part: Buffer) => parts.push(part));
	const done = new Promise((resolve) => gzip.on('end', resolve));
	gzip.write('{"results":[{"id":"1","properties":{"hs_goal_name":"');
	const chunk = Buffer.alloc(MB, 'x');
	for (let i = 0; i < INFLATED_BYTES / MB; i++) {
		if (!gzip.write(chunk)) await new Promise((resolve) => gzip.once('drain', resolve));
	}
	gzip.end('"}}]}');
	await done;
	return Buffer.concat(parts);
}

beforeAll(async () => {
	gzipBomb = await makeGzipBomb();
	server = createServer((request, response) => {
		requests++;
		request.resume();
		if (answer === 'gzipBomb') {
			response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
			response.end(gzipBomb);
		} else {
			response.writeHead(200, { 'content-type': 'application/json' });
			writeHugeJson(response, JSON_ANSWER_BYTES);
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
	requests = 0;
	written = 0;
});

/**
 * The process's peak resident memory since the last reset, in bytes, where Linux keeps it
 * (VmHWM): it includes spikes inside synchronous code (a JSON.parse), which sampling misses.
 */
function linuxPeakRss(): number | undefined {
	try {
		const kB = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
		return kB === undefined ? undefined : Number(kB) * 1024;
	} catch {
		return undefined;
	}
}

function resetPeakRss(): void {
	try {
		writeFileSync('/proc/self/clear_refs', '5');
	} catch {
		// Not Linux: the samples alone measure the peak.
	}
}

/** Runs the node, sampling the process's memory; growth is the peak over what it used before. */
async function measured(
	parameters: INodeParameters,
	settings: Partial<INode> = {},
): Promise<{ result: WorkflowRun; rssGrowthMB: number; heapGrowthMB: number; elapsedMs: number }> {
	resetPeakRss();
	const before = process.memoryUsage();
	let peakRss = before.rss;
	let peakHeap = before.heapUsed;
	const sampler = setInterval(() => {
		const now = process.memoryUsage();
		peakRss = Math.max(peakRss, now.rss);
		peakHeap = Math.max(peakHeap, now.heapUsed);
	}, 5);
	const started = Date.now();
	try {
		const result = await runWorkflow(nodeWorkflow(goalRows(2), parameters, settings), {
			credentials: { hubSpotGoalTargetsTokenApi: { accessToken: 'fake-token', baseUrl: url } },
		});
		peakRss = Math.max(peakRss, process.memoryUsage().rss, linuxPeakRss() ?? 0);
		return {
			result,
			elapsedMs: Date.now() - started,
			rssGrowthMB: Math.round((peakRss - before.rss) / MB),
			heapGrowthMB: Math.round((peakHeap - before.heapUsed) / MB),
		};
	} finally {
		clearInterval(sampler);
	}
}

const upsert = fieldsParameters(basicProperties, { options: { validateProperties: false } });
const getMany = { operation: 'getAll', returnAll: false, limit: 1 };

describe('an answer larger than any HubSpot answer is refused while it arrives', () => {
	it.each([
		['json52MB', '52 MB of JSON'],
		['gzipBomb', '200 KB of gzip inflating to 200 MB'],
	] as const)(
		'Get Many with limit 1 answered %s (%s): the node stops, 1 request',
		async (kind, _what) => {
			answer = kind;
			const { result, rssGrowthMB, heapGrowthMB, elapsedMs } = await measured(getMany);
			const message = result.errorOf(OUR_NODE_NAME)?.message;
			expect(message).toContain(
				'The answer to this request (HTTP 200) was larger than 32 MiB, more than any HubSpot answer can be',
			);
			expect(message).toContain('not sent again');
			expect(requests).toBe(1);
			expect(rssGrowthMB).toBeLessThan(100);
			if (kind === 'json52MB') expect(written).toBeLessThan(48 * MB);
			console.log(
				`Get Many limit 1, ${kind}: ${elapsedMs} ms, ${requests} request, peak growth rss +${rssGrowthMB} MB, heap +${heapGrowthMB} MB` +
					(kind === 'json52MB' ? `, ${(written / MB).toFixed(1)} MB written before the close` : ''),
			);
		},
	);

	it.each(['json52MB', 'gzipBomb'] as const)(
		'an upsert answered %s: not sent again, its inputs "may have been written"',
		async (kind) => {
			answer = kind;
			const { result, rssGrowthMB, heapGrowthMB, elapsedMs } = await measured(upsert);
			const { success, errors } = outputs(result);
			expect(success).toEqual([]);
			expect(errors).toHaveLength(2);
			for (const item of errors) {
				expect(errorOf(item)).toMatchObject({
					category: 'UNKNOWN_OUTCOME',
					subCategory: 'ANSWER_TOO_LARGE',
					httpCode: '200',
				});
				expect(errorOf(item).message).toContain('was larger than 32 MiB');
				expect(errorOf(item).message).toContain('this input may have been written');
			}
			expect(requests).toBe(1);
			expect(rssGrowthMB).toBeLessThan(100);
			console.log(
				`upsert, ${kind}: ${elapsedMs} ms, ${requests} request, peak growth rss +${rssGrowthMB} MB, heap +${heapGrowthMB} MB`,
			);
		},
	);

	it('continuing on error, a read puts its item on Error with the bound', async () => {
		answer = 'json52MB';
		const { result } = await measured(getMany, { onError: 'continueErrorOutput' });
		const { success, errors } = outputs(result);
		expect(success).toEqual([]);
		expect(errors).toHaveLength(1);
		expect(errorOf(errors[0])).toMatchObject({ category: 'ANSWER_TOO_LARGE', httpCode: '200' });
		expect(requests).toBe(1);
	});
});
