/**
 * The HubSpot sandbox in its own process, as HubSpot is: its CPU does not compete with n8n's or
 * the client's. Read back through its admin endpoint.
 */
import { spawn } from 'node:child_process';
import type { LoggedRequest } from '../sandbox/requestLog';
import type { SandboxUsage } from '../sandbox/types';
import * as path from 'node:path';

export interface SandboxCounters {
	requests: number;
	upsertRequests: number;
	writeRequests: number;
	rateLimited429: number;
	recordsCreated: number;
	recordsUpdated: number;
	/** past the rate limit, by operation and API version: `batchRead v3`, `properties v3`, … */
	requestsByOperation: Record<string, number>;
}

export interface SandboxRecord {
	properties: Record<string, string>;
	updatedAt: string;
}

export interface SandboxChild {
	url: string;
	token: string;
	/** GET /__sandbox/state: every record and the counters, in one call (it is large at 100,000 records) */
	state(): Promise<{ records: SandboxRecord[]; counters: SandboxCounters }>;
	counters(): Promise<SandboxCounters>;
	records(): Promise<SandboxRecord[]>;
	/** POST /__sandbox/config: e.g. `{ latencyMs }` between runs */
	configure(change: Record<string, unknown>): Promise<void>;
	/** POST /__sandbox/seed: `count` records straight into the store, `{i}` in a value replaced by the index. */
	seed(count: number, properties: Record<string, string>): Promise<void>;
	requests(): Promise<LoggedRequest[]>;
	/** GET /__sandbox/usage: the sandbox process's CPU since the last reset, per request */
	usage(): Promise<SandboxUsage>;
	reset(): Promise<void>;
	close(): Promise<void>;
}

/** Starts `sandbox/cli.ts` on a free loopback port with the given flags. */
export async function startSandboxChild(
	flags: string[] = ['--rate-max', '0'],
	port = 0,
): Promise<SandboxChild> {
	const root = path.resolve(__dirname, '..');
	// tsx's CommonJS hook only: its ESM loader thread costs about 6 ms of CPU a second when idle, which
	// the stand-in's CPU per request would count (1.5 ms a second this way)
	const child = spawn(
		process.execPath,
		['--require', 'tsx/cjs', path.join(root, 'sandbox/cli.ts'), '--port', String(port), ...flags],
		{
			cwd: root,
			stdio: ['ignore', 'pipe', 'inherit'],
		},
	);
	let out = '';
	const ready = await new Promise<{ url: string; token: string }>((resolve, reject) => {
		const onData = (data: Buffer) => {
			out += data.toString();
			const url = /listening on (\S+)/.exec(out)?.[1];
			const token = /read\+write token: (\S+)/.exec(out)?.[1];
			if (url && token) {
				child.stdout!.off('data', onData);
				child.stdout!.resume();
				resolve({ url, token });
			}
		};
		child.stdout!.on('data', onData);
		child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${out}`)));
	});
	const state = async () =>
		(await (await fetch(`${ready.url}/__sandbox/state`)).json()) as {
			records: SandboxRecord[];
			counters: SandboxCounters;
		};
	return {
		...ready,
		state,
		configure: async (change) => {
			const res = await fetch(`${ready.url}/__sandbox/config`, {
				method: 'POST',
				body: JSON.stringify(change),
			});
			if (!res.ok) throw new Error(`sandbox config: ${res.status} ${await res.text()}`);
		},
		counters: async () => (await state()).counters,
		records: async () => (await state()).records,
		/** When each API request was answered (epoch ms), in order, with its status. */
		requests: async () => (await (await fetch(`${ready.url}/__sandbox/requests`)).json()) as never,
		usage: async () => (await (await fetch(`${ready.url}/__sandbox/usage`)).json()) as SandboxUsage,
		seed: async (count, properties) => {
			const res = await fetch(`${ready.url}/__sandbox/seed`, {
				method: 'POST',
				body: JSON.stringify({ count, properties }),
			});
			if (!res.ok) throw new Error(`sandbox seed: ${res.status} ${await res.text()}`);
		},
		reset: async () => {
			const res = await fetch(`${ready.url}/__sandbox/reset`, { method: 'POST' });
			if (!res.ok) throw new Error(`sandbox reset: ${res.status}`);
		},
		close: async () => {
			if (child.exitCode !== null) return;
			child.kill('SIGTERM');
			await new Promise((resolve) => child.once('exit', resolve));
		},
	};
}
