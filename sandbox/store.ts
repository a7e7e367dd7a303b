/**
 * In-memory goal_targets store with unique-value indexes. Values are kept as HubSpot returns them
 * (strings); an empty string clears a value (the key is removed).
 */
import { UNIQUE_PROPERTY_NAMES } from './properties';

export interface GoalTargetRecord {
	id: string;
	properties: Record<string, string>;
	createdAt: string;
	updatedAt: string;
	archived: boolean;
	archivedAt?: string;
}

/** One past value of a property (HubSpot's ValueWithTimestamp; the sandbox writes only as the API). */
export interface PropertyHistoryEntry {
	value: string;
	timestamp: string;
	sourceType: 'API';
	updatedByUserId?: number;
}

/** Values kept per property for propertiesWithHistory (newest first). */
const HISTORY_DEPTH = 20;
/** A record's write log is pruned when it grows past this (and past twice its length after the last pruning). */
const PRUNE_FROM = 64;

/**
 * One write of a record: its stamp and the values it set. The history is kept per write, not per property (one
 * small object per write instead of one per property value: the store is the sandbox's main cost under load).
 */
interface WriteEntry {
	timestamp: string;
	values: Record<string, string>;
}

interface WriteLog {
	/** oldest first */
	writes: WriteEntry[];
	/** length after the last pruning */
	kept: number;
}

const hasOwn = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

/**
 * The writes still needed: those holding one of the last HISTORY_DEPTH values of some property they set.
 * What historyOf returns is the same before and after.
 */
function prune(writes: WriteEntry[]): WriteEntry[] {
	const seen = new Map<string, number>();
	const kept: WriteEntry[] = [];
	for (let i = writes.length - 1; i >= 0; i--) {
		let needed = false;
		for (const name of Object.keys(writes[i].values)) {
			const n = seen.get(name) ?? 0;
			if (n < HISTORY_DEPTH) needed = true;
			seen.set(name, n + 1);
		}
		if (needed) kept.push(writes[i]);
	}
	return kept.reverse();
}

/** The user id the sandbox writes to hs_created_by_user_id. */
export const SANDBOX_USER_ID = '1000001';
const FIRST_ID = 30_000_000_001;

function copy(r: GoalTargetRecord): GoalTargetRecord {
	return { ...r, properties: { ...r.properties } };
}

/**
 * Archived records keep their values but give up their unique ones (guess, noted: HubSpot lets a new record take
 * the unique value of an archived one; upsert by that value then creates a new record).
 */

export class GoalTargetStore {
	private records = new Map<string, GoalTargetRecord>();
	/** record id -> its writes */
	private history = new Map<string, WriteLog>();
	/** unique property name -> value -> record id */
	private unique = new Map<string, Map<string, string>>();
	private nextId = FIRST_ID;
	private lastStamp = 0;

	constructor() {
		this.clear();
	}

	get size(): number {
		return this.records.size;
	}

	/** All records (copies), in id order. */
	list(): GoalTargetRecord[] {
		return [...this.records.values()].sort(compareIds).map(copy);
	}

	get(id: string): GoalTargetRecord | undefined {
		const r = this.records.get(id);
		return r ? copy(r) : undefined;
	}

	/** First record whose property `name` equals `value` (index lookup for unique properties). */
	getByProperty(name: string, value: string): GoalTargetRecord | undefined {
		const id = this.findIdByUnique(name, value);
		if (id !== undefined) return this.get(id);
		if (this.unique.has(name)) return undefined;
		for (const r of [...this.records.values()].sort(compareIds)) {
			if (r.properties[name] === value) return copy(r);
		}
		return undefined;
	}

	/** Id of the live record holding `value` in unique property `name`, if any. */
	findIdByUnique(name: string, value: string): string | undefined {
		return this.unique.get(name)?.get(value);
	}

	/** Create a record; sets id, hs_object_id, hs_createdate, hs_lastmodifieddate, hs_created_by_user_id. */
	create(properties: Record<string, string>): GoalTargetRecord {
		const id = String(this.nextId++);
		const now = this.stamp();
		const record: GoalTargetRecord = {
			id,
			properties: {},
			createdAt: now,
			updatedAt: now,
			archived: false,
		};
		this.records.set(id, record);
		this.write(record, {
			...properties,
			hs_object_id: id,
			hs_createdate: now,
			hs_lastmodifieddate: now,
			hs_created_by_user_id: SANDBOX_USER_ID,
		});
		return copy(record);
	}

	/** Partial update: properties not named keep their values; '' clears one. */
	update(id: string, properties: Record<string, string>): GoalTargetRecord {
		const record = this.records.get(id);
		if (!record) throw new Error(`No goal target ${id}`);
		const now = this.stamp();
		record.updatedAt = now;
		this.write(record, { ...properties, hs_lastmodifieddate: now });
		return copy(record);
	}

	/** Archive a live record (HubSpot's delete: it moves to the recycle bin); false when there is none. */
	archive(id: string): boolean {
		const record = this.records.get(id);
		if (!record || record.archived) return false;
		const now = this.stamp();
		record.archived = true;
		record.archivedAt = now;
		record.updatedAt = now;
		for (const [name, index] of this.unique) {
			const value = record.properties[name];
			if (value !== undefined && index.get(value) === id) index.delete(value);
		}
		return true;
	}

	/** Past values of one property, newest first (empty when never set). */
	historyOf(id: string, name: string): PropertyHistoryEntry[] {
		const writes = this.history.get(id)?.writes ?? [];
		const out: PropertyHistoryEntry[] = [];
		for (let i = writes.length - 1; i >= 0 && out.length < HISTORY_DEPTH; i--) {
			const { values, timestamp } = writes[i];
			if (!hasOwn(values, name)) continue;
			out.push({
				value: values[name],
				timestamp,
				sourceType: 'API',
				updatedByUserId: Number(SANDBOX_USER_ID),
			});
		}
		return out;
	}

	/** Remove everything and restart ids. */
	clear(): void {
		this.records.clear();
		this.history.clear();
		this.unique = new Map(UNIQUE_PROPERTY_NAMES.map((n) => [n, new Map<string, string>()]));
		this.nextId = FIRST_ID;
	}

	/** `properties` is kept as the write's entry in the history: callers pass an object of their own. */
	private write(record: GoalTargetRecord, properties: Record<string, string>): void {
		const log = this.history.get(record.id);
		const entry = { timestamp: record.updatedAt, values: properties };
		if (!log) this.history.set(record.id, { writes: [entry], kept: 1 });
		else {
			log.writes.push(entry);
			if (log.writes.length > Math.max(PRUNE_FROM, 2 * log.kept)) {
				log.writes = prune(log.writes);
				log.kept = log.writes.length;
			}
		}
		for (const [name, value] of Object.entries(properties)) {
			const index = this.unique.get(name);
			const old = record.properties[name];
			// the same unique value again (an upsert by it): the index already holds it
			if (index && old === value && index.get(value) === record.id) continue;
			if (index && old !== undefined) index.delete(old);
			if (value === '') {
				delete record.properties[name];
			} else {
				record.properties[name] = value;
				if (index) index.set(value, record.id);
			}
		}
	}

	/** ISO timestamp, strictly increasing so updatedAt always moves forward. */
	private stamp(): string {
		const t = Math.max(Date.now(), this.lastStamp + 1);
		this.lastStamp = t;
		return new Date(t).toISOString();
	}
}

export function compareIds(a: { id: string }, b: { id: string }): number {
	return a.id.length - b.id.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
