/** HTTP helpers for the sandbox tests (fetch for normal calls, node:http for fault behaviour). */
import * as http from 'node:http';
import type { Sandbox } from '../sandbox';

export const UPSERT_PATH = '/crm/v3/objects/goal_targets/batch/upsert';

export interface CallOptions {
	/** Bearer token; default the read+write token; null = no Authorization header. */
	token?: string | null;
	body?: unknown;
	rawBody?: string;
	headers?: Record<string, string>;
}

export interface CallResult<T> {
	status: number;
	headers: Headers;
	text: string;
	body: T;
}

export async function call<T = Record<string, unknown>>(
	sb: Sandbox,
	method: string,
	path: string,
	opts: CallOptions = {},
): Promise<CallResult<T>> {
	const headers: Record<string, string> = { ...opts.headers };
	const token = opts.token === undefined ? sb.tokens.readWrite : opts.token;
	if (token !== null) headers.Authorization = `Bearer ${token}`;
	let body: string | undefined = opts.rawBody;
	if (opts.body !== undefined) {
		body = JSON.stringify(opts.body);
		headers['Content-Type'] = 'application/json';
	}
	const res = await fetch(sb.url + path, { method, headers, body });
	const text = await res.text();
	let parsed: unknown = undefined;
	try {
		parsed = JSON.parse(text);
	} catch {
		parsed = undefined;
	}
	return { status: res.status, headers: res.headers, text, body: parsed as T };
}

export interface UpsertInputLike {
	id: string;
	idProperty?: string;
	properties: Record<string, unknown>;
	objectWriteTraceId?: string;
}

export function upsert<T = Record<string, unknown>>(
	sb: Sandbox,
	inputs: UpsertInputLike[],
	token?: string | null,
): Promise<CallResult<T>> {
	return call<T>(sb, 'POST', UPSERT_PATH, { body: { inputs }, token });
}

export const key = (
	id: string,
	properties: Record<string, unknown> = {},
	trace?: string,
): UpsertInputLike => ({
	id,
	idProperty: 'external_goal_key',
	properties,
	...(trace ? { objectWriteTraceId: trace } : {}),
});

export type RawOutcome =
	| {
			kind: 'response';
			status: number;
			headers: http.IncomingHttpHeaders;
			text: string;
			complete: boolean;
	  }
	| { kind: 'error'; code: string; message: string };

/** One request on a fresh connection with node:http, reporting resets, timeouts and short bodies. */
export function rawRequest(
	url: string,
	method: string,
	path: string,
	headers: Record<string, string>,
	body: string,
	timeoutMs = 2000,
): Promise<RawOutcome> {
	return new Promise((resolve) => {
		let done = false;
		const finish = (o: RawOutcome): void => {
			if (!done) {
				done = true;
				resolve(o);
			}
		};
		const req = http.request(url + path, {
			method,
			headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
			agent: false,
		});
		req.setTimeout(timeoutMs, () => {
			req.destroy(Object.assign(new Error('client timeout'), { code: 'CLIENT_TIMEOUT' }));
		});
		req.on('error', (err: NodeJS.ErrnoException) =>
			finish({ kind: 'error', code: err.code ?? 'UNKNOWN', message: err.message }),
		);
		req.on('response', (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			const end = (): void =>
				finish({
					kind: 'response',
					status: res.statusCode ?? 0,
					headers: res.headers,
					text: Buffer.concat(chunks).toString('utf8'),
					complete: res.complete,
				});
			res.on('end', end);
			res.on('error', end);
			res.on('close', end);
		});
		req.end(body);
	});
}

export type Version = 'v3' | '2026-03' | '2026-09';
export const VERSIONS: Version[] = ['v3', '2026-03', '2026-09'];

/** The goal-target objects path of a version (2026-09 also takes 0-74 as the object type). */
export function objectsPath(version: Version, suffix = '', objectType = 'goal_targets'): string {
	const base =
		version === 'v3' ? `/crm/v3/objects/${objectType}` : `/crm/objects/${version}/${objectType}`;
	return base + suffix;
}

/** Status of an answer with some per-input errors: 207, except on 2026-09 (its files declare 200/201 only). */
export const partial = (version: Version, ok: 200 | 201): number =>
	version === '2026-09' ? ok : 207;

export interface PublicObjectLike {
	id: string;
	properties: Record<string, string>;
	propertiesWithHistory?: Record<
		string,
		Array<{ value: string; timestamp: string; sourceType: string }>
	>;
	createdAt: string;
	updatedAt: string;
	archived: boolean;
	archivedAt?: string;
	objectWriteTraceId?: string;
}

export interface StandardErrorLike {
	status: string;
	category: string;
	message: string;
	context: Record<string, string[]>;
	errors: Array<{ message: string; code?: string; context?: Record<string, string[]> }>;
}

export interface BatchAnswer {
	status: string;
	results: PublicObjectLike[];
	numErrors?: number;
	errors?: StandardErrorLike[];
}
