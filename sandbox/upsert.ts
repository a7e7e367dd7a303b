/**
 * POST /crm/v3/objects/goal_targets/batch/upsert: applies validated inputs to the store and builds
 * BatchResponseSimplePublicUpsertObject (200) or ...WithErrors (207) bodies.
 */
import { HubSpotError, StandardError, inputError, propertyDetail, propertyValuesMessage } from './errors';
import { Prng, shuffleInPlace } from './prng';
import { UNIQUE_PROPERTY_NAMES } from './properties';
import { GoalTargetRecord, GoalTargetStore } from './store';
import { UpsertInput, parseUpsertRequest, validateInput } from './validate';

export interface UpsertResult {
  id: string;
  properties: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  new: boolean;
  objectWriteTraceId?: string;
}

export interface UpsertResponseBody {
  status: 'COMPLETE';
  results: UpsertResult[];
  startedAt: string;
  completedAt: string;
  numErrors?: number;
  errors?: StandardError[];
}

export type UpsertOutcome =
  | { status: 200 | 207; body: UpsertResponseBody; created: number; updated: number; rejected: number }
  | { status: 400; body: HubSpotError; created: 0; updated: 0; rejected: number };

function toResult(record: GoalTargetRecord, sent: Record<string, string>, isNew: boolean, input: UpsertInput): UpsertResult {
  const result: UpsertResult = {
    id: record.id,
    properties: {
      ...sent,
      hs_object_id: record.id,
      hs_createdate: record.properties.hs_createdate,
      hs_lastmodifieddate: record.properties.hs_lastmodifieddate,
    },
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    archived: false,
    new: isNew,
  };
  if (input.objectWriteTraceId !== undefined) result.objectWriteTraceId = input.objectWriteTraceId;
  return result;
}

/** A unique value the input sets that another record already holds. */
function uniqueConflict(
  store: GoalTargetStore,
  properties: Record<string, string>,
  targetId: string | undefined,
): { name: string; value: string; owner: string } | undefined {
  for (const name of UNIQUE_PROPERTY_NAMES) {
    const value = properties[name];
    if (value === undefined || value === '') continue;
    const owner = store.findIdByUnique(name, value);
    if (owner !== undefined && owner !== targetId) return { name, value, owner };
  }
  return undefined;
}

export function executeUpsert(raw: string, store: GoalTargetStore, shuffle: Prng | null): UpsertOutcome {
  const startedAt = new Date().toISOString();
  const parsed = parseUpsertRequest(raw);
  if (!parsed.ok) return { status: 400, body: parsed.error, created: 0, updated: 0, rejected: parsed.inputCount };

  const results: UpsertResult[] = [];
  const errors: StandardError[] = [];
  let created = 0;
  let updated = 0;
  for (const input of parsed.inputs) {
    const check = validateInput(input);
    if (!check.ok) {
      errors.push(inputError('VALIDATION_ERROR', propertyValuesMessage(check.results), check.results.map(propertyDetail), input));
      continue;
    }
    const sent = { ...check.properties, [input.idProperty]: check.idValue };
    const existing = store.findIdByUnique(input.idProperty, check.idValue);
    const conflict = uniqueConflict(store, sent, existing);
    if (conflict) {
      const message = `A goal target with ${conflict.name}=${conflict.value} already exists (id ${conflict.owner}); values of ${conflict.name} must be unique.`;
      errors.push(inputError('CONFLICT', message, [
        { message, code: 'UNIQUE_VALUE_CONFLICT', context: { propertyName: [conflict.name], existingId: [conflict.owner] } },
      ], input));
      continue;
    }
    if (existing === undefined) {
      results.push(toResult(store.create(sent), sent, true, input));
      created++;
    } else {
      results.push(toResult(store.update(existing, sent), sent, false, input));
      updated++;
    }
  }

  if (shuffle) {
    shuffleInPlace(results, shuffle);
    shuffleInPlace(errors, shuffle);
  }
  const body: UpsertResponseBody = { status: 'COMPLETE', results, startedAt, completedAt: new Date().toISOString() };
  if (errors.length === 0) return { status: 200, body, created, updated, rejected: 0 };
  body.numErrors = errors.length;
  body.errors = errors;
  return { status: 207, body, created, updated, rejected: errors.length };
}

/** What a 200 would look like, without touching the store (for the `truncated` fault). */
export function fakeUpsertBody(raw: string): UpsertResponseBody {
  const now = new Date().toISOString();
  const parsed = parseUpsertRequest(raw);
  const inputs = parsed.ok ? parsed.inputs : [];
  return {
    status: 'COMPLETE',
    results: inputs.map((input, i) => ({
      id: String(90_000_000_000 + i),
      properties: { ...input.properties, hs_object_id: String(90_000_000_000 + i), hs_createdate: now, hs_lastmodifieddate: now },
      createdAt: now,
      updatedAt: now,
      archived: false,
      new: true,
      ...(input.objectWriteTraceId !== undefined ? { objectWriteTraceId: input.objectWriteTraceId } : {}),
    })),
    startedAt: now,
    completedAt: now,
  };
}
