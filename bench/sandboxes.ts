/**
 * The bench's sandboxes, each in its own process: one per tier (its rate limit M per W), and the Write
 * Mode scenario's. Before each run a sandbox is emptied and given the run's latency; one that died
 * (another process on a shared machine may end it) comes back on its port, with the same tokens.
 */
import { log } from './measure';
import { startSandboxChild, type SandboxChild } from './sandboxChild';

export interface SandboxSettings {
	max: number;
	windowMs: number;
	latencyMs: number;
}

const flags = (s: SandboxSettings) => [
	'--rate-max',
	String(s.max),
	'--rate-interval-ms',
	String(s.windowMs),
	'--latency',
	String(s.latencyMs),
];

export class BenchSandboxes {
	private readonly running = new Map<string, { child: SandboxChild; settings: SandboxSettings }>();

	async start(key: string, settings: SandboxSettings): Promise<SandboxChild> {
		const child = await startSandboxChild(flags(settings));
		this.running.set(key, { child, settings });
		return child;
	}

	get(key: string): SandboxChild {
		const entry = this.running.get(key);
		if (!entry) throw new Error(`no sandbox ${key}`);
		return entry.child;
	}

	/** Empty the sandbox and set its latency for the next run. */
	async prepare(key: string, latencyMs: number): Promise<SandboxChild> {
		const entry = this.running.get(key);
		if (!entry) throw new Error(`no sandbox ${key}`);
		entry.settings = { ...entry.settings, latencyMs };
		try {
			await entry.child.reset();
			await entry.child.configure({ latencyMs });
		} catch {
			log(`  sandbox ${key} did not answer: restarting it on the same port`);
			await entry.child.close();
			const port = Number(new URL(entry.child.url).port);
			entry.child = await startSandboxChild(flags(entry.settings), port);
		}
		return entry.child;
	}

	async closeAll(): Promise<void> {
		for (const { child } of this.running.values()) await child.close();
		this.running.clear();
	}
}
