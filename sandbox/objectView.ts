/**
 * How a stored record is shown by reads (SimplePublicObject): the default properties plus the ones asked for by
 * name (those without a value as `null`, as HubSpot returns them; the 2026-09 files declare property values
 * nullable, the v3 and 2026-03 files do not, see HUBSPOT_FILE_DEVIATIONS in the tests), optional
 * propertiesWithHistory, archivedAt on archived records.
 */
import { DEFAULT_READ_PROPERTIES, getLiveProperty } from './properties';
import { GoalTargetRecord, GoalTargetStore, PropertyHistoryEntry } from './store';

export interface PublicObject {
	id: string;
	properties: Record<string, string | null>;
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
	const properties: Record<string, string | null> = {};
	for (const name of DEFAULT_READ_PROPERTIES) {
		const v = record.properties[name];
		if (v !== undefined) properties[name] = v;
	}
	// Properties asked for by name come back even without a value: `null`. Names no property has are left out.
	for (const name of view.properties ?? []) {
		if (getLiveProperty(name)) properties[name] = record.properties[name] ?? null;
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
