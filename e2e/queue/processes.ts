/**
 * Everything the queue e2e starts is registered here and stopped from here, whatever happens:
 * normal end, a failed check, an exception, SIGINT/SIGTERM/SIGHUP. Long-lived processes run in
 * their own process group (n8n starts task runners under itself), so a group kill takes all.
 * Stopping is bounded: SIGTERM, a grace period, then SIGKILL. Each group and each registered
 * folder is also noted in $E2E_QUEUE_LEFTOVERS (set by run.sh) until it is gone, so that run.sh can
 * stop it if this process is killed before it could (e2e/queue/machine.sh, queue_stop_leftovers).
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { closeSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { log, sleep } from '../util';

export interface Service {
	name: string;
	child: ChildProcess;
	stdoutFile: string;
	stderrFile: string;
	/** true once the process has exited */
	readonly exited: boolean;
	/** Resolves with the exit code (128 when a signal ended it). */
	exit: Promise<number>;
	/** What asks it to stop (PostgreSQL: SIGINT, its fast shutdown). */
	stopSignal: NodeJS.Signals;
}

type Cleanup = { name: string; run: () => Promise<void> | void; sync: boolean };

/** A note for run.sh: `group-<pgid>` (the service's name) or `dir-<n>` (a folder's path). */
function noteLeftover(file: string, content: string): void {
	const dir = process.env.E2E_QUEUE_LEFTOVERS;
	if (dir) writeFileSync(join(dir, file), content);
}

function forgetLeftover(file: string): void {
	const dir = process.env.E2E_QUEUE_LEFTOVERS;
	if (dir) rmSync(join(dir, file), { force: true });
}

let leftoverDirs = 0;

/** A time bound that does not by itself keep the process alive once everything else is done. */
const bound = (ms: number) => sleep(ms, undefined, { ref: false });

const services = new Set<Service>();
const cleanups: Cleanup[] = [];
let hooked = false;
let stopping: Promise<void> | undefined;

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {
			/* gone already */
		}
	}
}

function installHooks(): void {
	if (hooked) return;
	hooked = true;
	// Last resort on exit (another handler may call process.exit first): synchronous group kills
	// and synchronous cleanups, no await possible here.
	process.on('exit', () => {
		for (const s of services) signalGroup(s.child, 'SIGKILL');
		for (const c of cleanups.filter((x) => x.sync)) {
			try {
				void c.run();
			} catch {
				/* best effort */
			}
		}
	});
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.on(sig, () => {
			log(`received ${sig}: stopping everything the queue e2e started`);
			void stopAll().finally(() => process.exit(130));
		});
	}
}

/** Starts a process in its own group with stdout/stderr in files; it is stopped by stopAll(). */
export function startService(
	name: string,
	command: string,
	args: string[],
	opts: {
		logBase: string;
		env?: NodeJS.ProcessEnv;
		cwd?: string;
		uid?: number;
		gid?: number;
		stopSignal?: NodeJS.Signals;
		/** written to its standard input, which is then closed (e.g. a secret it reads there) */
		stdin?: string;
	},
): Service {
	installHooks();
	const stdoutFile = `${opts.logBase}.stdout.log`;
	const stderrFile = `${opts.logBase}.stderr.log`;
	const out = openSync(stdoutFile, 'a');
	const err = openSync(stderrFile, 'a');
	const spawnOpts: SpawnOptions = {
		cwd: opts.cwd,
		env: opts.env ?? process.env,
		stdio: [opts.stdin === undefined ? 'ignore' : 'pipe', out, err],
		detached: true,
	};
	if (opts.uid !== undefined) spawnOpts.uid = opts.uid;
	if (opts.gid !== undefined) spawnOpts.gid = opts.gid;
	const child = spawn(command, args, spawnOpts);
	closeSync(out);
	closeSync(err);
	if (opts.stdin !== undefined) {
		child.stdin?.on('error', () => undefined); // it may exit before reading
		child.stdin?.end(opts.stdin);
	}
	if (child.pid !== undefined) noteLeftover(`group-${child.pid}`, name);
	let exited = false;
	const exit = new Promise<number>((resolve) => {
		child.once('exit', (code, signal) => {
			exited = true;
			resolve(code ?? (signal ? 128 : 1));
		});
		child.once('error', (e) => {
			exited = true;
			log(`${name}: could not start: ${e.message}`);
			resolve(127);
		});
	});
	const service: Service = {
		name,
		child,
		stdoutFile,
		stderrFile,
		get exited() {
			return exited;
		},
		exit,
		stopSignal: opts.stopSignal ?? 'SIGTERM',
	};
	services.add(service);
	log(`${name}: started (pid ${child.pid}, logs ${opts.logBase}.*.log)`);
	return service;
}

/** SIGTERM, then SIGKILL after graceMs; resolves when the process is gone (or after graceMs + 5 s). */
export async function stopService(service: Service, graceMs = 10_000): Promise<void> {
	if (!service.exited) {
		signalGroup(service.child, service.stopSignal);
		const done = await Promise.race([
			service.exit.then(() => true),
			bound(graceMs).then(() => false),
		]);
		if (!done) {
			log(`${service.name}: still running after ${graceMs} ms, SIGKILL`);
			signalGroup(service.child, 'SIGKILL');
			await Promise.race([service.exit, bound(5_000)]);
		}
	}
	// the group may hold children that outlived their parent (task runners)
	signalGroup(service.child, 'SIGKILL');
	services.delete(service);
	forgetLeftover(`group-${service.child.pid}`);
}

/** Kills the whole group at once, as a crash or `kill -9` would. */
export async function killService(service: Service): Promise<void> {
	signalGroup(service.child, 'SIGKILL');
	await Promise.race([service.exit, bound(5_000)]);
	services.delete(service);
	forgetLeftover(`group-${service.child.pid}`);
}

/**
 * Registers work for stopAll() that is not a process (removing folders); run last first. `sync`
 * work (synchronous, e.g. rmSync) also runs when the process exits without stopAll().
 */
export function onStop(name: string, run: () => Promise<void> | void, sync = false): void {
	installHooks();
	cleanups.push({ name, run, sync });
}

/** Removes a folder when everything stops (also when the process exits without stopAll()). */
export function removeOnStop(name: string, dir: string): void {
	const note = `dir-${++leftoverDirs}`;
	noteLeftover(note, dir);
	onStop(
		name,
		() => {
			rmSync(dir, { recursive: true, force: true });
			forgetLeftover(note);
		},
		true,
	);
}

/** Stops every service (in reverse start order) and runs every cleanup; bounded, never throws. */
export function stopAll(): Promise<void> {
	stopping ??= (async () => {
		const all = [...services].reverse();
		await Promise.all(all.map((s) => stopService(s).catch(() => undefined)));
		for (const c of cleanups.reverse()) {
			try {
				await Promise.race([Promise.resolve(c.run()), bound(20_000)]);
			} catch (e) {
				log(`cleanup ${c.name} failed: ${(e as Error).message}`);
			}
		}
		cleanups.length = 0;
	})();
	return stopping;
}
