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
	/** record id -> property name -> values, newest first */
	private history = new Map<string, Map<string, PropertyHistoryEntry[]>>();
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
		return (this.history.get(id)?.get(name) ?? []).map((h) => ({ ...h }));
	}

	/** Remove everything and restart ids. */
	clear(): void {
		this.records.clear();
		this.history.clear();
		this.unique = new Map(UNIQUE_PROPERTY_NAMES.map((n) => [n, new Map<string, string>()]));
		this.nextId = FIRST_ID;
	}

	private write(record: GoalTargetRecord, properties: Record<string, string>): void {
		const timestamp = record.updatedAt;
		let history = this.history.get(record.id);
		if (!history) this.history.set(record.id, (history = new Map()));
		for (const [name, value] of Object.entries(properties)) {
			const past = history.get(name) ?? [];
			past.unshift({
				value,
				timestamp,
				sourceType: 'API',
				updatedByUserId: Number(SANDBOX_USER_ID),
			});
			history.set(name, past.slice(0, HISTORY_DEPTH));
			const index = this.unique.get(name);
			const old = record.properties[name];
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
