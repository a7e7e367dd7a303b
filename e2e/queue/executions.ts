/**
 * Starting executions through the production webhook, and reading what n8n says about them over
 * its REST API (the list, and each execution's stored data, which n8n keeps "flatted").
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';

import type { Row } from '../../testkit/workload';
import type { N8nInstance } from '../n8n';
import { log, waitFor } from '../util';
import { NODE_NAME, WEBHOOK_PATH } from './workflow';

export interface Fired {
	prefix: string;
	rows: Row[];
	status: number;
}

/** POSTs each batch of records to the webhook, all at once; the webhook answers when the execution is enqueued. */
export async function fireExecutions(
	main: N8nInstance,
	batches: Array<{ prefix: string; rows: Row[] }>,
): Promise<Fired[]> {
	return await Promise.all(
		batches.map(async ({ prefix, rows }) => {
			const res = await fetch(`${main.baseUrl}/webhook/${WEBHOOK_PATH}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ prefix, records: rows }),
				signal: AbortSignal.timeout(60_000),
			});
			await res.text();
			return { prefix, rows, status: res.status };
		}),
	);
}

export interface ExecutionSummary {
	id: string;
	status: string;
	mode: string;
	retryOf?: string | null;
	startedAt?: string | null;
	stoppedAt?: string | null;
}

export const DONE = new Set(['success', 'error', 'crashed', 'canceled']);

export async function listExecutions(
	main: N8nInstance,
	workflowId: string,
): Promise<ExecutionSummary[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const res = await main.rest<{ data: { results: ExecutionSummary[] } }>(
		'GET',
		`/rest/executions?filter=${filter}&limit=200`,
	);
	return res.body.data.results.map((e) => ({ ...e, id: String(e.id) }));
}

/** Waits until `count` executions other than `known` exist and have all ended; returns them. */
export async function waitForEnded(
	main: N8nInstance,
	workflowId: string,
	count: number,
	known: Set<string>,
	timeoutMs: number,
): Promise<ExecutionSummary[]> {
	let lastLog = Date.now();
	return await waitFor(
		`${count} executions to end`,
		async () => {
			const fresh = (await listExecutions(main, workflowId)).filter((e) => !known.has(e.id));
			if (Date.now() - lastLog > 15_000) {
				lastLog = Date.now();
				log(
					`waiting for ${count} executions to end: ${fresh.map((e) => `${e.id}:${e.status}`).join(' ') || 'none listed yet'}`,
				);
			}
			return fresh.length >= count && fresh.every((e) => DONE.has(e.status)) ? fresh : undefined;
		},
		timeoutMs,
		1_000,
	);
}

export interface ExecutionDetail {
	id: string;
	status: string;
	/** the records' prefix, from the webhook body */
	prefix?: string;
	success: any[];
	error: any[];
	nodeRan: boolean;
	nodeError?: string;
	workflowError?: string;
	startedAt?: string;
	stoppedAt?: string;
}

function flatted(main: N8nInstance): { parse(text: string): any } {
	return createRequire(join(main.flavor.dir, 'node_modules', 'n8n', 'package.json'))('flatted');
}

function webhookBody(data: any): any {
	const fromRun = data?.resultData?.runData?.Webhook?.[0]?.data?.main?.[0]?.[0]?.json?.body;
	if (fromRun) return fromRun;
	for (const entry of data?.executionData?.nodeExecutionStack ?? []) {
		const body = entry?.data?.main?.[0]?.[0]?.json?.body;
		if (body) return body;
	}
	return undefined;
}

export async function executionDetail(main: N8nInstance, id: string): Promise<ExecutionDetail> {
	const res = await main.rest<{
		data: { id: string; status: string; data: string; startedAt?: string; stoppedAt?: string };
	}>('GET', `/rest/executions/${id}`);
	const e = res.body.data;
	const data = typeof e.data === 'string' ? flatted(main).parse(e.data) : e.data;
	const task = data?.resultData?.runData?.[NODE_NAME]?.[0];
	const main0 = task?.data?.main ?? [];
	// The records' prefix is in the webhook's body; an execution a worker died in may hold it only
	// in the data main stored when it enqueued the execution: look for the value itself then.
	const raw = typeof e.data === 'string' ? e.data : JSON.stringify(e.data ?? null);
	const prefix = webhookBody(data)?.prefix ?? /"([a-z]+-e\d+)"/.exec(raw)?.[1];
	if (!prefix)
		log(
			`execution ${e.id} (${e.status}): no records prefix in its data (${raw.length} characters: ${raw.slice(0, 300)})`,
		);
	return {
		id: String(e.id),
		status: e.status,
		prefix,
		success: main0[0] ?? [],
		error: main0[1] ?? [],
		nodeRan: task !== undefined,
		nodeError: task?.error?.message,
		workflowError: data?.resultData?.error?.message,
		startedAt: e.startedAt,
		stoppedAt: e.stoppedAt,
	};
}

/** n8n's own Retry (REST, as the executions list's button): answers when the retry has ended. */
export async function retryExecution(
	main: N8nInstance,
	id: string,
): Promise<{ status: number; body: any }> {
	const res = await main.rest(
		'POST',
		`/rest/executions/${id}/retry`,
		{ loadWorkflow: false },
		{ okStatuses: [200, 400, 404, 409, 500] },
	);
	return { status: res.status, body: res.body };
}
