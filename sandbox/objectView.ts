/**
 * How a stored record is shown by reads (SimplePublicObject): the default properties plus the ones asked for,
 * unset ones left out, optional propertiesWithHistory, archivedAt on archived records.
 */
import { DEFAULT_READ_PROPERTIES } from './properties';
import { GoalTargetRecord, GoalTargetStore, PropertyHistoryEntry } from './store';

export interface PublicObject {
	id: string;
	properties: Record<string, string>;
	propertiesWithHistory?: Record<string, PropertyHistoryEntry[]>;
	createdAt: string;
	updatedAt: string;
	archived: boolean;
	archivedAt?: string;
	objectWriteTraceId?: string;
}

interface ViewRequest {
	properties?: string[];
	propertiesWithHistory?: string[];
}

export function toPublicObject(
	record: GoalTargetRecord,
	store: GoalTargetStore,
	view: ViewRequest = {},
): PublicObject {
	const properties: Record<string, string> = {};
	for (const name of [...DEFAULT_READ_PROPERTIES, ...(view.properties ?? [])]) {
		const v = record.properties[name];
		if (v !== undefined) properties[name] = v; // unset properties are left out (the v3 schema has no null)
	}
	const out: PublicObject = {
		id: record.id,
		properties,
		createdAt: record.createdAt,
		updatedAt: record.updatedAt,
		archived: record.archived,
	};
	const withHistory = view.propertiesWithHistory ?? [];
	if (withHistory.length > 0) {
		out.propertiesWithHistory = {};
		for (const name of withHistory)
			out.propertiesWithHistory[name] = store.historyOf(record.id, name);
	}
	if (record.archivedAt !== undefined) out.archivedAt = record.archivedAt;
	return out;
}

/** `properties=a,b` and/or `properties=a&properties=b`. */
export function listParam(query: URLSearchParams, name: string): string[] {
	return query
		.getAll(name)
		.flatMap((v) => v.split(','))
		.map((v) => v.trim())
		.filter((v) => v !== '');
}

/** `archived=true` in a query: HubSpot then answers with archived records only. */
export const wantsArchived = (query: URLSearchParams): boolean => query.get('archived') === 'true';

/** What a create or update answers for one record: the values it set plus HubSpot's defaults. */
export function writtenObject(
	record: GoalTargetRecord,
	sent: Record<string, string>,
	trace: string | undefined,
): PublicObject {
	const properties: Record<string, string> = {};
	for (const name of [...Object.keys(sent), ...DEFAULT_READ_PROPERTIES]) {
		const v = record.properties[name];
		if (v !== undefined) properties[name] = v;
	}
	const out: PublicObject = {
		id: record.id,
		properties,
		createdAt: record.createdAt,
		updatedAt: record.updatedAt,
		archived: false,
	};
	if (trace !== undefined) out.objectWriteTraceId = trace;
	return out;
}
