/** Small helpers over node:http: body reading and the per-request responder. */
import { IncomingMessage, ServerResponse } from 'node:http';
import { newCorrelationId } from './errors';

export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export class BodyTooLargeError extends Error {}

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > limit) {
				reject(new BodyTooLargeError(`Request body larger than ${limit} bytes`));
				req.resume();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

/** Wraps one response: adds rate-limit / correlation headers and reports the status it sent. */
export class Responder {
	readonly headers: Record<string, string> = {};
	readonly correlationId = newCorrelationId();
	sent = false;

	constructor(
		readonly req: IncomingMessage,
		readonly res: ServerResponse,
		private readonly onStatus: (status: number) => void,
	) {}

	json(status: number, body: unknown, extraHeaders: Record<string, string> = {}): void {
		const cid = (body as { correlationId?: unknown } | null)?.correlationId;
		const headers =
			typeof cid === 'string' ? { 'X-HubSpot-Correlation-Id': cid, ...extraHeaders } : extraHeaders;
		this.raw(status, 'application/json;charset=utf-8', JSON.stringify(body), headers);
	}

	raw(
		status: number,
		contentType: string,
		text: string,
		extraHeaders: Record<string, string> = {},
	): void {
		if (this.sent || this.res.destroyed) return;
		this.sent = true;
		this.onStatus(status);
		this.res.writeHead(status, {
			'Content-Type': contentType,
			'Content-Length': String(Buffer.byteLength(text)),
			'X-HubSpot-Correlation-Id': this.correlationId,
			...this.headers,
			...extraHeaders,
		});
		this.res.end(text);
	}

	empty(status: number): void {
		if (this.sent || this.res.destroyed) return;
		this.sent = true;
		this.onStatus(status);
		this.res.writeHead(status, { 'X-HubSpot-Correlation-Id': this.correlationId, ...this.headers });
		this.res.end();
	}

	/** Abort the connection with a TCP reset (client sees ECONNRESET), without any response. */
	resetConnection(): void {
		this.sent = true;
		const socket = this.req.socket;
		if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
		else socket.destroy();
	}
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => {
		const t = setTimeout(resolve, ms);
		t.unref();
	});
}
