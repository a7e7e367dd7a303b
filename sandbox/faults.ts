/**
 * Injected faults for object-endpoint requests (off by default; properties and OAuth calls never get one). The decision is made before the request is applied,
 * so a faulted request never changes the store — except `resetAfterWrite`, which applies the write and then
 * resets the connection ("the write happened, the answer was lost"; a retry must be idempotent).
 */
import { apiError, rateLimited } from './errors';
import { Responder } from './http';
import { Prng, createPrng } from './prng';
import { FaultKind, FaultOptions, ObjectOperation } from './types';

export class FaultInjector {
	private rand: Prng = createPrng(1);
	private options: FaultOptions | undefined;

	constructor(options: FaultOptions | undefined, seed: number) {
		this.configure(options, seed);
	}

	configure(options: FaultOptions | undefined, seed: number): void {
		this.options = options && options.rate > 0 && options.kinds.length > 0 ? options : undefined;
		this.rand = createPrng(options?.seed ?? seed);
	}

	/** The fault for this request, if any (seeded: same seed, same sequence over the operations faults can hit). */
	pick(operation: ObjectOperation): FaultKind | undefined {
		const o = this.options;
		if (!o || (o.operations && !o.operations.includes(operation))) return undefined;
		if (this.rand() >= o.rate) return undefined;
		return o.kinds[Math.floor(this.rand() * o.kinds.length) % o.kinds.length];
	}
}

const gatewayPage = (code: number, text: string): string =>
	`<html>\r\n<head><title>${code} ${text}</title></head>\r\n<body>\r\n<center><h1>${code} ${text}</h1></center>\r\n` +
	`<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n`;

/**
 * Send the fault response for kinds that do not touch the store (`search`: a 429 is search's SECONDLY one). `hang` sends nothing (the socket is held
 * until the client gives up or the sandbox closes). `truncated` needs a body: `fullBody` is a complete 200
 * body of which only the first half is written before the socket is closed.
 */
export function sendFault(
	kind: Exclude<FaultKind, 'resetAfterWrite'>,
	r: Responder,
	fullBody: () => string,
	search = false,
): void {
	switch (kind) {
		case 'status500':
			return r.json(500, apiError('INTERNAL_ERROR', 'internal error'));
		case 'status502':
			return r.raw(502, 'text/html', gatewayPage(502, 'Bad Gateway'));
		case 'status503':
			return r.json(
				503,
				apiError('SERVICE_UNAVAILABLE', 'Service Unavailable. Please retry in a few seconds.'),
			);
		case 'status504':
			return r.raw(504, 'text/html', gatewayPage(504, 'Gateway Time-out'));
		case 'status423':
			return r.json(
				423,
				apiError(
					'LOCKED',
					'The requested records are locked by concurrent high-volume writes. Wait at least 2 seconds and retry.',
				),
			);
		case 'status477':
			return r.json(
				477,
				apiError(
					'MIGRATION_IN_PROGRESS',
					'This account is being migrated. Retry after the Retry-After interval.',
				),
				{
					'Retry-After': '1',
				},
			);
		case 'rateLimit429':
			// Search has its own per-second limit and no rate-limit headers.
			if (search) return r.json(429, rateLimited('SECONDLY'));
			return r.json(429, rateLimited('TEN_SECONDLY_ROLLING'), {
				'X-HubSpot-RateLimit-Remaining': '0',
			});
		case 'reset':
			return r.resetConnection();
		case 'hang':
			r.sent = true;
			return;
		case 'truncated': {
			const full = Buffer.from(fullBody(), 'utf8');
			r.sent = true;
			r.res.writeHead(200, {
				'Content-Type': 'application/json;charset=utf-8',
				'Content-Length': String(full.length),
				'X-HubSpot-Correlation-Id': r.correlationId,
				...r.headers,
			});
			r.res.write(full.subarray(0, Math.floor(full.length / 2)), () => r.req.socket.end());
			return;
		}
	}
}
