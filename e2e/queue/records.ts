/**
 * What the sandbox holds against what n8n says: per execution (by its records' key prefix), and
 * for the account as a whole.
 */
import type { GoalTargetRecord } from '../../sandbox';
import { ID_PROPERTY } from '../../testkit/workload';

/** The properties the workflow writes (besides the key). */
const WRITTEN = [
	'hs_goal_name',
	'hs_target_amount',
	'hs_milestone',
	'hs_start_datetime',
	'hs_end_datetime',
];

/** Keys are `<prefix>-<n>`. */
export function prefixOf(key: string): string {
	return key.slice(0, key.lastIndexOf('-'));
}

export interface AccountView {
	/** stored records by key */
	byKey: Map<string, GoalTargetRecord>;
	/** keys stored more than once (must never happen: upsert by a unique key) */
	duplicateKeys: string[];
	/** stored records by prefix */
	countByPrefix: Map<string, number>;
}

export function accountView(records: GoalTargetRecord[]): AccountView {
	const byKey = new Map<string, GoalTargetRecord>();
	const duplicateKeys: string[] = [];
	const countByPrefix = new Map<string, number>();
	for (const r of records) {
		const key = r.properties[ID_PROPERTY];
		if (key === undefined) continue;
		if (byKey.has(key)) duplicateKeys.push(key);
		byKey.set(key, r);
		const p = prefixOf(key);
		countByPrefix.set(p, (countByPrefix.get(p) ?? 0) + 1);
	}
	return { byKey, duplicateKeys, countByPrefix };
}

export interface SuccessCheck {
	/** Success items whose record is not in the sandbox, or is there under another id */
	notStored: string[];
	/** Success items whose stored values differ from what the item says was written */
	differing: string[];
}

/** Every Success item's record is stored, with the item's id and values. */
export function checkSuccessItems(items: any[], view: AccountView): SuccessCheck {
	const notStored: string[] = [];
	const differing: string[] = [];
	for (const item of items) {
		const json = item?.json ?? {};
		const key = String(json.properties?.[ID_PROPERTY] ?? '');
		const stored = view.byKey.get(key);
		if (!stored || stored.id !== String(json.id)) {
			notStored.push(key || String(json.id));
			continue;
		}
		if (
			WRITTEN.some(
				(name) =>
					json.properties?.[name] !== undefined &&
					stored.properties[name] !== String(json.properties[name]),
			)
		)
			differing.push(key);
	}
	return { notStored, differing };
}
