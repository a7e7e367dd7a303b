/**
 * GET .../goal_targets (CollectionResponseSimplePublicObjectWithAssociationsForwardPaging) and
 * GET .../goal_targets/{id} (SimplePublicObjectWithAssociations).
 * Records come in id order; `after` is the id of the first record of the next page. `archived=true` lists
 * archived records only, as HubSpot does.
 */
import { notFound, validationError } from './errors';
import { PublicObject, listParam, toPublicObject, wantsArchived } from './objectView';
import { OperationOutcome, OperationRequest, refused } from './operation';
import { compareIds } from './store';

export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 100;

export interface ListBody {
	results: PublicObject[];
	paging?: { next: { after: string; link: string } };
}

function bad(message: string, param: string): OperationOutcome {
	return refused(
		400,
		validationError(message, [{ message, in: param, code: 'INVALID_QUERY_PARAM' }]),
	);
}

const viewOf = (query: URLSearchParams) => ({
	properties: listParam(query, 'properties'),
	propertiesWithHistory: listParam(query, 'propertiesWithHistory'),
});

export function listGoalTargets({ query, store }: OperationRequest): OperationOutcome {
	const limitRaw = query.get('limit');
	const limit = limitRaw === null ? DEFAULT_LIMIT : Number(limitRaw);
	if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
		return bad(`limit must be an integer between 1 and ${MAX_LIMIT} (got ${limitRaw})`, 'limit');
	}
	const after = query.get('after');
	if (after !== null && !/^\d+$/.test(after))
		return bad(`Invalid paging cursor after=${after}`, 'after');
	const archived = wantsArchived(query);
	const view = viewOf(query);

	let records = store.list().filter((r) => r.archived === archived);
	if (after !== null) records = records.filter((r) => compareIds(r, { id: after }) >= 0);
	const body: ListBody = {
		results: records.slice(0, limit).map((r) => toPublicObject(r, store, view)),
	};
	const next = records[limit];
	if (next) body.paging = { next: { after: next.id, link: `?limit=${limit}&after=${next.id}` } };
	return { status: 200, body };
}

export function getGoalTarget({ query, store, objectId }: OperationRequest): OperationOutcome {
	const id = objectId ?? '';
	const idProperty = query.get('idProperty');
	const archived = wantsArchived(query);
	const record =
		idProperty && idProperty !== 'hs_object_id'
			? store.list().find((r) => r.archived === archived && r.properties[idProperty] === id)
			: store.get(id);
	if (!record || record.archived !== archived) {
		return refused(404, notFound('Object not found.  objectId are usually numeric.'));
	}
	return { status: 200, body: toPublicObject(record, store, viewOf(query)) };
}
