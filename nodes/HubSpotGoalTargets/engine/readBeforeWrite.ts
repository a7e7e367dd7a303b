import type { IDataObject } from 'n8n-workflow';

import { asObject } from '../helpers/objects';
import type { BatchRunner, RunnerLinks } from './batchRunner';
import { ChunkBuilder } from './chunk';
import { failedOutcome } from './correlate';
import { addStats, type InputSink, type SinkResult } from './inputSink';
import type { Change, CompareMode, PropertyChange, RecordComparison } from './recordComparison';
import type { InputErrorDetails, InputOutcome, PreparedInput } from './types';

/** An input waiting for its record to be read. */
interface Waiting<I> {
	prepared: PreparedInput<I>;
	read?: InputOutcome;
}

/** One record's inputs of the run, compared in input order. */
interface RecordInputs<I> {
	queue: Array<Waiting<I>>;
	/** The values the earlier inputs of the run leave on the record (as written). */
	earlier: Record<string, string>;
	/** Whether an earlier input of the run was compared (so the record exists, or one of them creates it). */
	compared: boolean;
}

/** What was decided for an input sent to be written. */
interface WriteDecision {
	change: Change;
	changes?: Record<string, PropertyChange>;
}

/** A property's value in a record's properties: null when it has none (or is not there). */
function valueOf(properties: IDataObject, name: string): IDataObject[string] {
	return Object.prototype.hasOwnProperty.call(properties, name) ? (properties[name] ?? null) : null;
}

function recordIdOf(record: IDataObject): string | undefined {
	return typeof record.id === 'string' || typeof record.id === 'number'
		? String(record.id)
		: undefined;
}

/**
 * Write Mode `changed` and `preview`: each input first goes into a batch read of the records (up
 * to 100 per request, by the same ID property), sent as soon as it is full, through the same
 * pacing, waits and cancel signal as the writes. When a read is answered, each of its inputs is
 * compared with its record: no record → create (upsert) or the error an update would meet; every
 * value equal → nothing to write; else an update, listing what differs. In `changed` mode the
 * creates and updates go into the write requests (the engine's, with all it does); in `preview`
 * nothing is written. A later input for the same record is compared with the record as the
 * earlier inputs of the run leave it.
 */
export class ReadBeforeWrite<I, R> implements InputSink<I> {
	private readonly reads: BatchRunner<R>;

	private readonly readChunks: ChunkBuilder<R>;

	private readonly records = new Map<string, RecordInputs<I>>();

	private readonly waiting = new Map<number, Waiting<I>>();

	private readonly decisions = new Map<number, WriteDecision>();

	/** Inputs settled without a write: nothing to change, a preview, or an error. */
	private readonly settled: InputOutcome[] = [];

	constructor(
		private readonly comparison: RecordComparison<I, R>,
		private readonly mode: CompareMode,
		private readonly writes: { runner: BatchRunner<I>; chunks: ChunkBuilder<I> },
		readRunner: (links: RunnerLinks) => BatchRunner<R>,
	) {
		const { readOperation } = comparison;
		this.reads = readRunner({ onSettled: (outcomes) => this.onRead(outcomes) });
		this.readChunks = new ChunkBuilder<R>({
			batchSize: readOperation.maxBatchSize,
			requestKey: readOperation.requestKey,
		});
	}

	add(prepared: PreparedInput<I>): number {
		const key = this.comparison.recordKeyOf(prepared.input);
		let record = this.records.get(key);
		if (!record) {
			record = { queue: [], earlier: {}, compared: false };
			this.records.set(key, record);
		}
		const waiting: Waiting<I> = { prepared };
		record.queue.push(waiting);
		this.waiting.set(prepared.seq, waiting);
		const sealed = this.readChunks.add({
			seq: prepared.seq,
			itemIndex: prepared.itemIndex,
			input: this.comparison.readInputOf(prepared.input),
		});
		for (const chunk of sealed) this.reads.add(chunk);
		return sealed.length;
	}

	async whenFewerWaiting(below: number): Promise<void> {
		await this.reads.whenFewerWaiting(below);
	}

	async finish(): Promise<SinkResult> {
		for (const chunk of this.readChunks.finish()) this.reads.add(chunk);
		const read = await this.reads.finish();
		// Every read is settled, so every input was compared; this only guards against a bug.
		for (const record of this.records.values()) {
			for (const left of record.queue.splice(0)) {
				this.settled.push(
					failedOutcome(left.prepared, {
						message: 'Internal error: this input was not compared with its record',
					}),
				);
			}
		}
		for (const chunk of this.writes.chunks.finish()) this.writes.runner.add(chunk);
		const written = await this.writes.runner.finish();
		const outcomes = [...this.settled, ...written.outcomes.map((o) => this.reported(o))].sort(
			(a, b) => a.seq - b.seq,
		);
		return {
			outcomes,
			stats: addStats(read.stats, written.stats),
			fatal: read.fatal ?? written.fatal,
			writeOutcomes: written.outcomes,
			requests: { reads: read.stats.requests, writes: written.stats.requests },
		};
	}

	/** A read request is settled: compare its inputs, each after the earlier inputs for its record. */
	private onRead(outcomes: InputOutcome[]): void {
		const touched = new Set<RecordInputs<I>>();
		for (const outcome of outcomes) {
			const waiting = this.waiting.get(outcome.seq);
			if (!waiting) continue;
			this.waiting.delete(outcome.seq);
			waiting.read = outcome;
			const record = this.records.get(this.comparison.recordKeyOf(waiting.prepared.input));
			if (record) touched.add(record);
		}
		for (const record of touched) {
			while (record.queue.length > 0 && record.queue[0].read) {
				const next = record.queue.shift()!;
				this.compare(record, next.prepared, next.read!);
			}
		}
	}

	private compare(record: RecordInputs<I>, prepared: PreparedInput<I>, read: InputOutcome): void {
		const { comparison } = this;
		const values = comparison.valuesOf(prepared.input);
		let current: IDataObject;
		let id: string | undefined;
		if (read.ok) {
			id = recordIdOf(read.result);
			current = { ...asObject(read.result.properties), ...record.earlier };
		} else if (!comparison.isNotFound(read.error)) {
			this.fail(prepared, this.unreadable(read.error));
			return;
		} else if (comparison.whenMissing !== 'create') {
			this.fail(prepared, comparison.whenMissing(prepared.input, read.error));
			return;
		} else if (!record.compared) {
			record.compared = true;
			record.earlier = { ...values };
			this.decide(
				prepared,
				{ change: 'create' },
				{ ...comparison.identityOf(prepared.input), ...values },
			);
			return;
		} else {
			// An earlier input of the run creates the record.
			current = { ...record.earlier };
		}
		// Own keys whatever the name (assigning "__proto__" would set the prototype instead).
		const differing: Array<[string, PropertyChange]> = [];
		for (const [name, sent] of Object.entries(values)) {
			const known = Object.prototype.hasOwnProperty.call(current, name);
			const from = valueOf(current, name);
			// A property HubSpot did not return counts as changed.
			if (known && comparison.sameValue(name, from, sent)) continue;
			differing.push([
				name,
				{ from: from === null || from === undefined ? null : String(from), to: sent },
			]);
		}
		const changes: Record<string, PropertyChange> = Object.fromEntries(differing);
		record.compared = true;
		// Only what it changes: equal values keep HubSpot's form, for the next input's `from`.
		record.earlier = {
			...record.earlier,
			...Object.fromEntries(differing.map(([name, change]) => [name, change.to])),
		};
		const properties: IDataObject = {
			...comparison.identityOf(prepared.input),
			...Object.fromEntries(Object.keys(values).map((name) => [name, valueOf(current, name)])),
		};
		const change: Change = Object.keys(changes).length > 0 ? 'update' : 'none';
		this.decide(prepared, change === 'update' ? { change, changes } : { change }, properties, id);
	}

	/** Writes the input (changed mode, something to change), or settles it as it stands. */
	private decide(
		prepared: PreparedInput<I>,
		decision: WriteDecision,
		properties: IDataObject,
		id?: string,
	): void {
		if (this.mode === 'changed' && decision.change !== 'none') {
			this.decisions.set(prepared.seq, decision);
			for (const chunk of this.writes.chunks.add(prepared)) this.writes.runner.add(chunk);
			return;
		}
		const result: IDataObject = {};
		if (id !== undefined) result.id = id;
		result.properties = properties;
		result.change = decision.change;
		result.written = false;
		if (decision.changes) result.changes = decision.changes;
		this.settled.push({ seq: prepared.seq, itemIndex: prepared.itemIndex, ok: true, result });
	}

	private fail(prepared: PreparedInput<I>, details: InputErrorDetails): void {
		this.settled.push(failedOutcome(prepared, details));
	}

	private unreadable(cause: InputErrorDetails): InputErrorDetails {
		const what =
			this.mode === 'preview'
				? 'so it could not be compared'
				: 'so this input was not written (nothing was changed; send it again)';
		return {
			...cause,
			message: `The goal target could not be read to compare with, ${what}: ${cause.message}`,
		};
	}

	/** A written input's Success item: HubSpot's result, and what it did to the record. */
	private reported(outcome: InputOutcome): InputOutcome {
		const decision = this.decisions.get(outcome.seq);
		if (!outcome.ok || !decision) return outcome;
		// Upsert says what it did: a record deleted or created since the read is told as it happened.
		const isNew = outcome.result.new;
		const change: Change = isNew === true ? 'create' : isNew === false ? 'update' : decision.change;
		const result: IDataObject = { ...outcome.result, change, written: true };
		if (change === 'update' && decision.changes) result.changes = decision.changes;
		return { ...outcome, result };
	}
}
