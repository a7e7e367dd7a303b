/**
 * POST /__sandbox/seed: many records at once, straight into the store (no rate limit, not counted), for tests and
 * e2e runs that need a full account (e.g. search's 10,000-result cap). Body `{count, properties}`: each value may
 * hold `{i}`, replaced by the record's index (0..count-1). Values are stored as given; names must be live
 * properties and unique values must be free, else nothing is written.
 */
import { getLiveProperty } from './properties';
import { GoalTargetStore } from './store';

const MAX_SEED = 100_000;

export type SeedOutcome =
	| { ok: true; created: number; firstId?: string; lastId?: string }
	| { ok: false; message: string };

const isObj = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

export function seedRecords(body: unknown, store: GoalTargetStore): SeedOutcome {
	if (!isObj(body)) return { ok: false, message: 'body must be {count, properties}' };
	const { count, properties = {} } = body;
	if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_SEED) {
		return { ok: false, message: `count must be a whole number from 1 to ${MAX_SEED}` };
	}
	if (!isObj(properties) || Object.values(properties).some((v) => typeof v !== 'string')) {
		return { ok: false, message: 'properties must map property names to string templates' };
	}
	const templates = Object.entries(properties as Record<string, string>);
	const unknown = templates.map(([name]) => name).filter((name) => !getLiveProperty(name));
	if (unknown.length > 0)
		return { ok: false, message: `unknown properties: ${unknown.join(', ')}` };
	const rows = Array.from({ length: count }, (_, i) =>
		Object.fromEntries(templates.map(([name, t]) => [name, t.split('{i}').join(String(i))])),
	);
	for (const [name] of templates.filter(([name]) => getLiveProperty(name)?.hasUniqueValue)) {
		const values = new Set(rows.map((r) => r[name]));
		if (values.size < rows.length)
			return { ok: false, message: `${name} is unique: put {i} in its template` };
		const taken = rows.find((r) => store.findIdByUnique(name, r[name]) !== undefined);
		if (taken) return { ok: false, message: `${name}=${taken[name]} is already taken` };
	}
	const ids = rows.map((r) => store.create(r).id);
	return { ok: true, created: ids.length, firstId: ids[0], lastId: ids[ids.length - 1] };
}
