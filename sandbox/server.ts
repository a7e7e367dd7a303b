/**
 * The sandbox HTTP server (node:http only): auth, rate limits, faults, counters around the routes of routes.ts
 * (object endpoints in objectApi.ts, properties in readProperties.ts, OAuth in oauth.ts, admin in admin.ts).
 * Start it with `startSandbox()`; it listens on 127.0.0.1.
 */
import { AddressInfo, Socket } from 'node:net';
import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import { handleAdmin } from './admin';
import { READ_SCOPE, TokenRegistry, WRITE_SCOPE, requireScope } from './auth';
import { apiError, notFound, rateLimited } from './errors';
import { FaultInjector, sendFault } from './faults';
import { BodyTooLargeError, Responder, readBody, sleep } from './http';
import { fakeBody, runOperation } from './objectApi';
import { handleTokenRequest } from './oauth';
import { Prng, createPrng } from './prng';
import { getProperty, listProperties } from './readProperties';
import { RateLimiter } from './rateLimit';
import { seedRecords } from './seed';
import { ApiVersion, isGoalTargetType, isReadOperation, parseRoute } from './routes';
import { RequestLog } from './requestLog';
import { GoalTargetStore } from './store';
import {
	ObjectOperation,
	ResolvedOptions,
	SandboxCounters,
	SandboxOptions,
	SandboxUsage,
	mergeOptions,
	resolveOptions,
} from './types';

export interface Sandbox {
	url: string;
	port: number;
	tokens: { readWrite: string; readOnly: string };
	oauth: { clientId: string; clientSecret: string; refreshToken: string };
	store: GoalTargetStore;
	counters(): SandboxCounters;
	configure(opts: Partial<SandboxOptions>): void;
	reset(): void;
	close(): Promise<void>;
}

const zeroCounters = (): SandboxCounters => ({
	requests: 0,
	upsertRequests: 0,
	writeRequests: 0,
	rateLimited429: 0,
	daily429: 0,
	faultsSent: 0,
	recordsCreated: 0,
	recordsUpdated: 0,
	inputsRejected: 0,
	responsesByStatus: {},
	recordsArchived: 0,
	searchRateLimited429: 0,
	requestsByOperation: {},
});

class SandboxServer {
	readonly store = new GoalTargetStore();
	readonly registry = new TokenRegistry();
	readonly server: Server;
	options: ResolvedOptions;
	private stats = zeroCounters();
	readonly requestLog = new RequestLog();
	private limiter: RateLimiter;
	private faults: FaultInjector;
	private shuffle: Prng;
	private sockets = new Set<Socket>();
	/** the process's CPU time and the clock at the last reset (or start): what /__sandbox/usage counts from */
	private usageFrom = { cpu: process.cpuUsage(), at: Date.now() };

	constructor(opts: SandboxOptions) {
		this.options = resolveOptions(opts);
		this.limiter = new RateLimiter(() => this.options);
		this.faults = new FaultInjector(this.options.faults, this.options.seed);
		this.shuffle = createPrng(this.options.seed);
		this.server = createServer((req, res) => {
			this.handle(req, res).catch((err: unknown) => this.crash(err, req, res));
		});
		this.server.requestTimeout = 0; // a `hang` fault must outlive Node's default 300 s request timeout
		this.server.on('connection', (s: Socket) => {
			this.sockets.add(s);
			s.on('close', () => this.sockets.delete(s));
		});
	}

	counters(): SandboxCounters {
		return {
			...this.stats,
			responsesByStatus: { ...this.stats.responsesByStatus },
			requestsByOperation: { ...this.stats.requestsByOperation },
		};
	}

	configure(change: Partial<SandboxOptions>): void {
		this.options = mergeOptions(this.options, change);
		if ('faults' in change || change.seed !== undefined)
			this.faults.configure(this.options.faults, this.options.seed);
		if (change.seed !== undefined) this.shuffle = createPrng(this.options.seed);
	}

	/** The process's CPU time since the last reset, per API request answered or refused since then. */
	usage(): SandboxUsage {
		const cpu = process.cpuUsage(this.usageFrom.cpu);
		const cpuMs = (cpu.user + cpu.system) / 1000;
		return {
			cpuUserMs: cpu.user / 1000,
			cpuSystemMs: cpu.system / 1000,
			requests: this.stats.requests,
			cpuMsPerRequest: this.stats.requests > 0 ? cpuMs / this.stats.requests : null,
			sinceMs: Date.now() - this.usageFrom.at,
		};
	}

	reset(): void {
		this.usageFrom = { cpu: process.cpuUsage(), at: Date.now() };
		this.store.clear();
		this.stats = zeroCounters();
		this.requestLog.clear();
		this.limiter.reset();
		this.faults.configure(this.options.faults, this.options.seed);
		this.shuffle = createPrng(this.options.seed);
	}

	async close(): Promise<void> {
		const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
		for (const s of this.sockets) s.destroy();
		this.sockets.clear();
		await closed;
	}

	private crash(err: unknown, req: IncomingMessage, res: ServerResponse): void {
		const r = new Responder(req, res, (s) => this.count(s));
		if (err instanceof BodyTooLargeError)
			return r.json(413, apiError('VALIDATION_ERROR', err.message));
		console.error('[sandbox] handler error', err);
		r.json(500, apiError('INTERNAL_ERROR', 'internal error'));
	}

	private count(status: number): void {
		const key = String(status);
		this.stats.responsesByStatus[key] = (this.stats.responsesByStatus[key] ?? 0) + 1;
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const method = req.method ?? 'GET';
		const path = url.pathname;
		const logged = !path.startsWith('/__sandbox/');
		const receivedAt = Date.now();
		let countedAt: number | undefined;
		const r = new Responder(req, res, (s) => {
			this.count(s);
			if (logged)
				this.requestLog.record({ at: Date.now(), receivedAt, countedAt, status: s, method, path });
		});
		const raw = await readBody(req);

		if (path.startsWith('/__sandbox/')) {
			return handleAdmin(method, path, raw, r, {
				reset: () => this.reset(),
				configure: (o) => this.configure(o),
				config: () => this.options,
				counters: () => this.counters(),
				records: () => this.store.list(),
				seed: (body) => seedRecords(body, this.store),
				requests: () => this.requestLog.list(),
				usage: () => this.usage(),
				credentials: () => ({
					tokens: { ...this.registry.tokens },
					oauth: { ...this.registry.oauth },
				}),
			});
		}

		this.stats.requests++;
		if (this.options.latencyMs > 0) await sleep(this.options.latencyMs);

		if (path === '/oauth/v1/token') {
			if (method !== 'POST') return r.json(404, notFound());
			const out = handleTokenRequest(
				raw,
				url.searchParams,
				req.headers.authorization,
				this.registry,
				this.options.oauthTokenTtlSec,
			);
			return r.json(out.status, out.body);
		}

		const route = parseRoute(method, path);
		const operation = route?.kind === 'objects' ? route.operation : undefined;
		if (operation === 'batchUpsert') this.stats.upsertRequests++;
		if (operation !== undefined && !isReadOperation(operation)) this.stats.writeRequests++;
		const search = operation === 'search';

		const auth = this.registry.authenticate(req.headers.authorization);
		if (!auth.ok) return r.json(401, auth.error);
		countedAt = Date.now();
		const decision = this.limiter.check(auth.caller, countedAt, search);
		Object.assign(r.headers, decision.headers); // none for search: HubSpot sends no rate-limit headers there
		if (decision.limited) {
			if (decision.limited === 'DAILY') this.stats.daily429++;
			else if (decision.limited === 'SECONDLY') this.stats.searchRateLimited429++;
			else this.stats.rateLimited429++;
			return r.json(429, rateLimited(decision.limited));
		}

		if (route) {
			const key = `${route.kind === 'objects' ? route.operation : 'properties'} ${route.version}`;
			this.stats.requestsByOperation[key] = (this.stats.requestsByOperation[key] ?? 0) + 1;
		}
		if (route?.kind === 'objects') {
			const op = route.operation;
			const denied = requireScope(auth.caller, [isReadOperation(op) ? READ_SCOPE : WRITE_SCOPE]);
			if (denied) return r.json(403, denied);
			return this.runObjectOperation(op, { ...route, raw, query: url.searchParams }, r);
		}
		if (route?.kind === 'properties') {
			if (!isGoalTargetType(route.objectType)) {
				return r.json(
					400,
					apiError('VALIDATION_ERROR', `Unable to infer object type from: ${route.objectType}`),
				);
			}
			const denied = requireScope(auth.caller, [READ_SCOPE, WRITE_SCOPE]);
			if (denied) return r.json(403, denied);
			const out =
				route.propertyName !== undefined
					? getProperty(route.propertyName, url.searchParams, route.version)
					: listProperties(url.searchParams, route.version);
			return r.json(out.status, out.body);
		}
		return r.json(404, notFound(`No route for ${method} ${path}`));
	}

	private runObjectOperation(
		op: ObjectOperation,
		call: { version: ApiVersion; objectId?: string; raw: string; query: URLSearchParams },
		r: Responder,
	): void {
		const fault = this.faults.pick(op);
		if (fault) this.stats.faultsSent++;
		if (fault && fault !== 'resetAfterWrite')
			return sendFault(fault, r, () => fakeBody(op, call.raw), op === 'search');
		const out = runOperation(op, {
			...call,
			store: this.store,
			shuffle: this.options.shuffleResults ? this.shuffle : null,
			requiredProperties: this.options.requiredProperties,
		});
		this.stats.recordsCreated += out.created ?? 0;
		this.stats.recordsUpdated += out.updated ?? 0;
		this.stats.recordsArchived += out.archived ?? 0;
		this.stats.inputsRejected += out.rejected ?? 0;
		if (fault === 'resetAfterWrite') return r.resetConnection();
		if (out.body === undefined) return r.empty(out.status);
		r.json(out.status, out.body);
	}
}

/** Start a sandbox on 127.0.0.1 (`port` 0 = a free port). */
export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
	const s = new SandboxServer(opts);
	await new Promise<void>((resolve, reject) => {
		s.server.once('error', reject);
		s.server.listen(s.options.port, '127.0.0.1', () => {
			s.server.off('error', reject);
			resolve();
		});
	});
	const port = (s.server.address() as AddressInfo).port;
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		tokens: s.registry.tokens,
		oauth: s.registry.oauth,
		store: s.store,
		counters: () => s.counters(),
		configure: (o) => s.configure(o),
		reset: () => s.reset(),
		close: () => s.close(),
	};
}
