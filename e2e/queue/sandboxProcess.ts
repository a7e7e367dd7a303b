/**
 * The HubSpot sandbox in its own process (`sandbox/cli.ts`), as HubSpot is to n8n: one account,
 * one rate-limit window that every worker's requests share. Read back through its admin endpoints.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { GoalTargetRecord, SandboxCounters } from '../../sandbox';
import type { LoggedRequest } from '../../sandbox/requestLog';
import { REPO } from '../package';
import { waitFor } from '../util';
import { startService, type Service } from './processes';

export interface Window {
	max: number;
	intervalMs: number;
}

export interface SandboxProcess {
	url: string;
	token: string;
	window: Window;
	latencyMs: number;
	service: Service;
	state(): Promise<{ records: GoalTargetRecord[]; counters: SandboxCounters }>;
	requests(): Promise<LoggedRequest[]>;
	reset(): Promise<void>;
}

async function admin<T>(url: string, method: 'GET' | 'POST', path: string): Promise<T> {
	const res = await fetch(`${url}${path}`, { method, signal: AbortSignal.timeout(30_000) });
	if (!res.ok) throw new Error(`sandbox ${method} ${path}: ${res.status}`);
	return (await res.json()) as T;
}

export async function startSandboxProcess(
	logDir: string,
	window: Window,
	latencyMs: number,
	timeoutMs = 60_000,
): Promise<SandboxProcess> {
	const service = startService(
		'sandbox',
		process.execPath,
		[
			'--import',
			'tsx',
			join(REPO, 'sandbox', 'cli.ts'),
			'--port',
			'0',
			'--rate-max',
			String(window.max),
			'--rate-interval-ms',
			String(window.intervalMs),
			'--latency',
			String(latencyMs),
		],
		{ logBase: join(logDir, 'sandbox'), cwd: REPO },
	);
	const ready = await waitFor(
		'the sandbox to print its URL',
		async () => {
			if (service.exited)
				throw new Error(`sandbox exited: ${readFileSync(service.stderrFile, 'utf8').slice(-2000)}`);
			const out = readFileSync(service.stdoutFile, 'utf8');
			const url = /listening on (\S+)/.exec(out)?.[1];
			const token = /read\+write token: (\S+)/.exec(out)?.[1];
			return url && token ? { url, token } : undefined;
		},
		timeoutMs,
		200,
	);
	const { url } = ready;
	if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(url))
		throw new Error(`sandbox is not on loopback: ${url}`);
	return {
		...ready,
		window,
		latencyMs,
		service,
		state: () => admin(url, 'GET', '/__sandbox/state'),
		requests: () => admin(url, 'GET', '/__sandbox/requests'),
		reset: async () => {
			await admin(url, 'POST', '/__sandbox/reset');
		},
	};
}
