/**
 * GET /crm/v3/objects/goal_targets (CollectionResponseSimplePublicObjectWithAssociationsForwardPaging) and
 * GET /crm/v3/objects/goal_targets/{id} (SimplePublicObjectWithAssociations).
 * Records come in id order; `after` is the id of the first record of the next page.
 */
import { HubSpotError, notFound, validationError } from './errors';
import { DEFAULT_READ_PROPERTIES } from './properties';
import { GoalTargetRecord, GoalTargetStore, compareIds } from './store';

export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 100;

export interface PublicObject {
  id: string;
  properties: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
}

export interface ListBody {
  results: PublicObject[];
  paging?: { next: { after: string; link: string } };
}

type Outcome<T> = { status: 200; body: T } | { status: 400 | 404; body: HubSpotError };

/** `properties=a,b` and/or `properties=a&properties=b`. */
export function listParam(query: URLSearchParams, name: string): string[] {
  return query
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

function project(record: GoalTargetRecord, requested: string[]): PublicObject {
  const properties: Record<string, string> = {};
  for (const name of [...DEFAULT_READ_PROPERTIES, ...requested]) {
    const v = record.properties[name];
    if (v !== undefined) properties[name] = v; // unset properties are left out (the schema has no null)
  }
  return { id: record.id, properties, createdAt: record.createdAt, updatedAt: record.updatedAt, archived: record.archived };
}

function bad(message: string, param: string): Outcome<never> {
  return { status: 400, body: validationError(message, [{ message, in: param, code: 'INVALID_QUERY_PARAM' }]) };
}

export function listGoalTargets(query: URLSearchParams, store: GoalTargetStore): Outcome<ListBody> {
  const limitRaw = query.get('limit');
  const limit = limitRaw === null ? DEFAULT_LIMIT : Number(limitRaw);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    return bad(`limit must be an integer between 1 and ${MAX_LIMIT} (got ${limitRaw})`, 'limit');
  }
  const after = query.get('after');
  if (after !== null && !/^\d+$/.test(after)) return bad(`Invalid paging cursor after=${after}`, 'after');
  const archived = query.get('archived') === 'true';
  const requested = listParam(query, 'properties');

  let records = store.list().filter((r) => r.archived === archived);
  if (after !== null) records = records.filter((r) => compareIds(r, { id: after }) >= 0);
  const page = records.slice(0, limit);
  const body: ListBody = { results: page.map((r) => project(r, requested)) };
  const next = records[limit];
  if (next) {
    body.paging = { next: { after: next.id, link: `?limit=${limit}&after=${next.id}` } };
  }
  return { status: 200, body };
}

export function getGoalTarget(id: string, query: URLSearchParams, store: GoalTargetStore): Outcome<PublicObject> {
  const idProperty = query.get('idProperty');
  const record = idProperty ? store.getByProperty(idProperty, id) : store.get(id);
  if (!record || record.archived !== (query.get('archived') === 'true')) {
    return { status: 404, body: notFound(`Object not found.  objectId are usually numeric.`) };
  }
  return { status: 200, body: project(record, listParam(query, 'properties')) };
}
