/**
 * GET /crm/v3/properties/goal_targets, /crm/properties/{2026-03|2026-09}/{objectType}
 * (CollectionResponsePropertyNoPaging) and .../{propertyName} (Property).
 * HubSpot does not page this list; the sandbox pages it only when `limit` is given (`after` = offset), so a
 * client that follows `paging.next.after` is exercised too. `archived=true` lists only archived properties.
 */
import { HubSpotError, apiError, validationError } from './errors';
import { GOAL_TARGET_PROPERTIES, PropertyDefinition, cloneProperty } from './properties';
import { listParam } from './objectView';
import { ApiVersion } from './routes';

export interface PropertiesBody {
	results: PropertyDefinition[];
	paging?: { next: { after: string; link: string } };
}

type Outcome<T> = { status: 200; body: T } | { status: 400 | 404; body: HubSpotError };

/** A served copy of a definition; 2026-09's Property schema no longer has numberDisplayHint, so it is left out. */
function served(def: PropertyDefinition, version: ApiVersion): PropertyDefinition {
	const copy = cloneProperty(def);
	if (version === '2026-09') delete copy.numberDisplayHint;
	return copy;
}

export function listProperties(
	query: URLSearchParams,
	version: ApiVersion = 'v3',
): Outcome<PropertiesBody> {
	const archived = query.get('archived') === 'true';
	const names = listParam(query, 'properties');
	let props = GOAL_TARGET_PROPERTIES.filter((p) => p.archived === archived);
	if (names.length > 0) props = props.filter((p) => names.includes(p.name));

	const limitRaw = query.get('limit');
	if (limitRaw === null)
		return { status: 200, body: { results: props.map((p) => served(p, version)) } };

	const limit = Number(limitRaw);
	const offset = Number(query.get('after') ?? '0');
	if (!Number.isInteger(limit) || limit < 1 || !Number.isInteger(offset) || offset < 0) {
		const message = `Invalid paging parameters limit=${limitRaw} after=${query.get('after')}`;
		return {
			status: 400,
			body: validationError(message, [{ message, code: 'INVALID_QUERY_PARAM' }]),
		};
	}
	const body: PropertiesBody = {
		results: props.slice(offset, offset + limit).map((p) => served(p, version)),
	};
	if (offset + limit < props.length) {
		const after = String(offset + limit);
		body.paging = { next: { after, link: `?limit=${limit}&after=${after}` } };
	}
	return { status: 200, body };
}

export function getProperty(
	name: string,
	query: URLSearchParams,
	version: ApiVersion = 'v3',
): Outcome<PropertyDefinition> {
	const archived = query.get('archived') === 'true';
	const def = GOAL_TARGET_PROPERTIES.find((p) => p.name === name && p.archived === archived);
	if (!def) {
		return {
			status: 404,
			body: apiError('OBJECT_NOT_FOUND', `Unable to find property ${name} for object type 0-74`),
		};
	}
	return { status: 200, body: served(def, version) };
}
