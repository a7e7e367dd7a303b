import type { HttpAttempt } from '../transport/httpAttempt';
import type { Chunk } from './chunk';
import { RequestSender } from './requestSender';
import { RequestSlots } from './requestSlots';
import type { RunnerOptions, RunStats } from './runnerOptions';
import type { FatalStop } from './runStop';
import type { InputOutcome, PreparedInput } from './types';

export interface RunResult {
	outcomes: InputOutcome[];
	stats: RunStats;
	fatal?: FatalStop;
}

/** What a runner shares with the rest of its run (Write Mode `changed`: its reads and its writes). */
export interface RunnerLinks {
	/** The run's bound on requests in flight, when shared with another runner; otherwise its own. */
	slots?: RequestSlots;
	/** Called with each chunk's outcomes as soon as they are settled. */
	onSettled?: (outcomes: InputOutcome[]) => void;
}

/**
 * Runs a run's requests: takes chunks as they are cut, keeps up to `maxConcurrency` in flight,
 * starts a chunk only after the chunks it must follow (same record written earlier) are done, and
 * once the run must stop, settles what was not sent as "Not sent".
 */
export class BatchRunner<I = unknown> {
	private readonly sender: RequestSender<I>;

	private readonly waiting = new Map<number, Chunk<I>>();

	private readonly done = new Set<number>();

	private readonly outcomes: InputOutcome[] = [];

	private running = 0;

	private readonly slots: RequestSlots;

	private finished = false;

	private resolveIdle: (() => void) | undefined;

	/** Readers waiting for fewer chunks to be waiting (see whenFewerWaiting). */
	private roomWaiters: Array<{ below: number; resolve: () => void }> = [];

	constructor(
		send: (inputs: Array<PreparedInput<I>>) => Promise<HttpAttempt>,
		private readonly options: RunnerOptions<I>,
		private readonly links: RunnerLinks = {},
	) {
		this.sender = new RequestSender(send, options);
		this.slots = links.slots ?? new RequestSlots(options.maxConcurrency);
		this.slots.onRelease(() => this.launch());
	}

	/** Whether an answer stopped this runner (bad token, spent daily quota). */
	get fatal(): FatalStop | undefined {
		return this.sender.fatal;
	}

	/** The requests sent so far, with retries and waits. */
	get stats(): RunStats {
		return { ...this.sender.stats, waitedMs: this.options.waitBudget.spentMs() };
	}

	/** Adds a chunk; it goes as soon as a slot is free and the chunks it follows are done. */
	add(chunk: Chunk<I>) {
		this.waiting.set(chunk.index, chunk);
		this.launch();
	}

	/**
	 * Resolves once fewer than `below` chunks wait to be sent: the items' reader reads ahead only so
	 * far, so that while requests wait for the window, nothing holds up the event loop when they
	 * may go or when their answers come (both would then be late, and each late one costs time).
	 */
	async whenFewerWaiting(below: number): Promise<void> {
		if (this.waiting.size < below) return;
		await new Promise<void>((resolve) => this.roomWaiters.push({ below, resolve }));
	}

	/** No more chunks: resolves when every input is settled. */
	async finish(): Promise<RunResult> {
		this.finished = true;
		await new Promise<void>((resolve) => {
			this.resolveIdle = resolve;
			this.launch();
		});
		this.outcomes.sort((a, b) => a.seq - b.seq);
		const stats = { ...this.sender.stats, waitedMs: this.options.waitBudget.spentMs() };
		return { outcomes: this.outcomes, stats, fatal: this.sender.fatal };
	}

	private launch() {
		if (this.sender.stopped) {
			for (const [index, chunk] of this.waiting)
				this.settled(index, this.sender.notSent(chunk.inputs), false);
		}
		const ready = [...this.waiting.values()]
			.filter((chunk) => chunk.after.every((before) => this.done.has(before)))
			.sort((a, b) => a.index - b.index);
		for (const chunk of ready) {
			if (this.sender.stopped) break;
			if (!this.slots.tryTake()) break;
			this.waiting.delete(chunk.index);
			this.running++;
			// Never rejects (a bug is recorded on the inputs), so the run cannot hang.
			void this.sender
				.settleChunk(chunk.inputs)
				.then((outcomes) => this.settled(chunk.index, outcomes, true));
		}
		if (this.roomWaiters.length > 0) {
			const stillWaiting = this.roomWaiters.filter((w) => this.waiting.size >= w.below);
			for (const w of this.roomWaiters) if (this.waiting.size < w.below) w.resolve();
			this.roomWaiters = stillWaiting;
		}
		if (this.finished && this.running === 0 && this.waiting.size === 0) this.resolveIdle?.();
	}

	private settled(index: number, outcomes: InputOutcome[], wasRunning: boolean) {
		this.waiting.delete(index);
		this.outcomes.push(...outcomes);
		this.done.add(index);
		this.links.onSettled?.(outcomes);
		if (wasRunning) {
			this.running--;
			// Starts this runner's next chunks, and the other runners' when the slots are shared.
			this.slots.release();
		}
	}
}

/** Sends chunks cut beforehand, each with retries and failure isolation; settles every input once. */
export async function runBatches<I>(
	chunks: Array<Chunk<I>>,
	send: (inputs: Array<PreparedInput<I>>) => Promise<HttpAttempt>,
	options: RunnerOptions<I>,
): Promise<RunResult> {
	const runner = new BatchRunner(send, options);
	for (const chunk of chunks) runner.add(chunk);
	return await runner.finish();
}
