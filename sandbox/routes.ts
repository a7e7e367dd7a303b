/**
 * Which API call a request is: path and method -> API version, object type and operation.
 * Paths follow HubSpot's files (shared/hubspot/openapi): goal targets on
 *   v3       /crm/v3/objects/goal_targets/...
 *   2026-03  /crm/objects/2026-03/goal_targets/...
 *   2026-09  /crm/objects/2026-09/{objectType}/...   (goal_targets or 0-74)
 * and properties at /crm/v3/properties/{objectType}, /crm/properties/{2026-03|2026-09}/{objectType}.
 * Every version also takes 0-74 for goal_targets (HubSpot's generic objects API does).
 */
import { OBJECT_TYPE_NAMES } from './properties';
import { ObjectOperation } from './types';

export type { ObjectOperation };

export type ApiVersion = 'v3' | '2026-03' | '2026-09';
export const API_VERSIONS: readonly ApiVersion[] = ['v3', '2026-03', '2026-09'];

const READS: ReadonlySet<ObjectOperation> = new Set(['list', 'get', 'batchRead', 'search']);

/** HubSpot's scopes: crm.objects.goals.read for reads, list and search; .write for every write. */
export function isReadOperation(op: ObjectOperation): boolean {
	return READS.has(op);
}

type Route =
	| {
			kind: 'objects';
			version: ApiVersion;
			objectType: string;
			operation: ObjectOperation;
			objectId?: string;
	  }
	| { kind: 'properties'; version: ApiVersion; objectType: string; propertyName?: string };

const OBJECTS = /^\/crm\/(?:v3\/objects|objects\/(2026-03|2026-09))\/([^/]+)(\/.*)?$/;
const PROPERTIES =
	/^\/crm\/(?:v3\/properties|properties\/(2026-03|2026-09))\/([^/]+)(?:\/([^/]+))?$/;
const BATCH: Record<string, ObjectOperation> = {
	'/batch/upsert': 'batchUpsert',
	'/batch/create': 'batchCreate',
	'/batch/read': 'batchRead',
	'/batch/update': 'batchUpdate',
	'/batch/archive': 'batchArchive',
	'/search': 'search',
};
const SINGLE: Record<string, ObjectOperation> = { GET: 'get', PATCH: 'update', DELETE: 'archive' };

export const isGoalTargetType = (objectType: string): boolean =>
	OBJECT_TYPE_NAMES.includes(objectType);

/** The route for an object or properties path of a known object type, else undefined (the caller answers 404). */
export function parseRoute(method: string, path: string): Route | undefined {
	const objects = OBJECTS.exec(path);
	if (objects) {
		const version = (objects[1] ?? 'v3') as ApiVersion;
		const objectType = objects[2];
		if (!isGoalTargetType(objectType)) return undefined;
		const rest = objects[3] ?? '';
		const base = { kind: 'objects' as const, version, objectType };
		if (rest === '' || rest === '/') {
			if (method === 'GET') return { ...base, operation: 'list' };
			if (method === 'POST') return { ...base, operation: 'create' };
			return undefined;
		}
		if (method === 'POST' && BATCH[rest]) return { ...base, operation: BATCH[rest] };
		const single = /^\/([^/]+)$/.exec(rest);
		if (single && SINGLE[method])
			return { ...base, operation: SINGLE[method], objectId: decodeURIComponent(single[1]) };
		return undefined;
	}
	const properties = PROPERTIES.exec(path);
	if (properties && method === 'GET') {
		const version = (properties[1] ?? 'v3') as ApiVersion;
		const route: Route = { kind: 'properties', version, objectType: properties[2] };
		if (properties[3] !== undefined) route.propertyName = decodeURIComponent(properties[3]);
		return route;
	}
	return undefined;
}

/**
 * The status of a batch answer that has some per-input errors. v3 and 2026-03 declare 207
 * (`...WithErrors`); the 2026-09 files declare only 200/201, with `numErrors`/`errors` inside that answer's schema.
 * Guess, noted: on 2026-09 the sandbox sends the success status with the errors inside.
 */
export function partialStatus(version: ApiVersion, ok: 200 | 201): 200 | 201 | 207 {
	return version === '2026-09' ? ok : 207;
}
