/**
 * Validation of POST .../batch/upsert bodies the way HubSpot does it:
 * - `parseUpsertRequest`: problems that reject the whole request (400 VALIDATION_ERROR);
 * - `validateInput`: problems of one input (it fails inside a 207, the others go on).
 */
import {
  ErrorDetail,
  HubSpotError,
  PropertyValidationResult,
  propertyDetail,
  propertyValuesMessage,
  validationError,
} from './errors';
import { OBJECT_TYPE_ID, PropertyDefinition, getLiveProperty, isReadOnly } from './properties';

export const MAX_BATCH_INPUTS = 100;
export const MAX_STRING_LENGTH = 65_536;

export interface UpsertInput {
  id: string;
  idProperty: string;
  properties: Record<string, string>;
  objectWriteTraceId?: string;
}

export type ParseResult = { ok: true; inputs: UpsertInput[] } | { ok: false; error: HubSpotError; inputCount: number };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function fail(message: string, errors: ErrorDetail[], inputCount = 0, context?: Record<string, string[]>): ParseResult {
  return { ok: false, error: validationError(message, errors, context), inputCount };
}

function jsonPosition(raw: string, err: unknown): string {
  const m = /position (\d+)/.exec(err instanceof Error ? err.message : '');
  if (!m) return 'line 1, column 1';
  const before = raw.slice(0, Number(m[1]));
  const line = before.split('\n').length;
  return `line ${line}, column ${before.length - before.lastIndexOf('\n')}`;
}

/** Scalars become their string form (HubSpot coerces); null clears like ''; objects/arrays are not accepted. */
function scalarToString(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null) return '';
  return undefined;
}

export function parseUpsertRequest(raw: string): ParseResult {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch (err) {
    const where = jsonPosition(raw, err);
    return fail(`Invalid input JSON on ${where}: ${raw.trim() === '' ? 'No content to map due to end-of-input' : 'Unexpected character'}`, [
      { message: 'Request body is not valid JSON', code: 'INVALID_JSON', in: 'body' },
    ]);
  }
  if (!isRecord(body) || !Array.isArray(body.inputs)) {
    return fail('Invalid input JSON: the field "inputs" is required and must be an array', [
      { message: 'inputs is required', code: 'REQUIRED_FIELD', in: 'inputs' },
    ]);
  }
  const rawInputs: unknown[] = body.inputs;
  const n = rawInputs.length;
  if (n > MAX_BATCH_INPUTS) {
    return fail(`Batch input must not contain more than ${MAX_BATCH_INPUTS} inputs (received ${n})`, [
      { message: `Too many inputs: ${n} > ${MAX_BATCH_INPUTS}`, code: 'TOO_MANY_INPUTS', in: 'inputs' },
    ], n);
  }

  const inputs: UpsertInput[] = [];
  for (let i = 0; i < n; i++) {
    const raw = rawInputs[i];
    const where = `inputs[${i}]`;
    if (!isRecord(raw)) return fail(`Invalid input JSON: ${where} must be an object`, [{ message: 'not an object', in: where }], n);
    const id = typeof raw.id === 'number' ? String(raw.id) : raw.id;
    if (typeof id !== 'string') {
      return fail(`Invalid input JSON: ${where}.id is required and must be a string`, [{ message: 'id is required', code: 'REQUIRED_FIELD', in: `${where}.id` }], n);
    }
    if (!isRecord(raw.properties)) {
      return fail(`Invalid input JSON: ${where}.properties is required and must be an object`, [
        { message: 'properties is required', code: 'REQUIRED_FIELD', in: `${where}.properties` },
      ], n);
    }
    const entries: Array<[string, string]> = [];
    for (const [name, value] of Object.entries(raw.properties)) {
      const s = scalarToString(value);
      if (s === undefined) {
        return fail(`Invalid input JSON: ${where}.properties.${name} must be a string`, [
          { message: 'property values must be strings', code: 'INVALID_TYPE', in: `${where}.properties.${name}` },
        ], n);
      }
      entries.push([name, s]);
    }
    // Own keys for every name: `properties["__proto__"] = s` would drop it instead of refusing it as unknown.
    const properties: Record<string, string> = Object.fromEntries(entries);
    const input: UpsertInput = { id, idProperty: '', properties };
    if (raw.idProperty !== undefined && raw.idProperty !== null) {
      if (typeof raw.idProperty !== 'string') return fail(`Invalid input JSON: ${where}.idProperty must be a string`, [{ message: 'idProperty must be a string', in: `${where}.idProperty` }], n);
      input.idProperty = raw.idProperty;
    }
    const trace = raw.objectWriteTraceId;
    if (typeof trace === 'string' || typeof trace === 'number') input.objectWriteTraceId = String(trace);
    inputs.push(input);
  }

  // idProperty: must name a live property with unique values; hs_object_id is never accepted (nor a missing one,
  // which HubSpot reads as hs_object_id).
  for (const input of inputs) {
    const name = input.idProperty || 'hs_object_id';
    const def = getLiveProperty(name);
    if (!def || !def.hasUniqueValue || name === 'hs_object_id') {
      const message = `Unable to perform update/upsert by non-unique ${OBJECT_TYPE_ID} property ${name}`;
      return fail(message, [{ message, code: 'INVALID_ID_PROPERTY', in: 'idProperty', context: { idProperty: [name] } }], n);
    }
  }

  const seen = new Set<string>();
  const dupes = new Set<string>();
  for (const input of inputs) {
    const key = `${input.idProperty}\u0000${input.id}`;
    if (seen.has(key)) dupes.add(input.id);
    seen.add(key);
  }
  if (dupes.size > 0) {
    const list = `[${[...dupes].join(', ')}]`;
    return fail(`Duplicate IDs found in batch input: ${list}`, [
      { message: `Duplicate IDs found in batch input: ${list}`, code: 'DUPLICATE_IDS', context: { ids: [...dupes] } },
    ], n);
  }

  const unknown = new Set<string>();
  for (const input of inputs) for (const name of Object.keys(input.properties)) if (!getLiveProperty(name)) unknown.add(name);
  if (unknown.size > 0) {
    const results = [...unknown].map((name) => ({
      isValid: false as const, message: `Property "${name}" does not exist`, error: 'PROPERTY_DOESNT_EXIST', name,
    }));
    return fail(propertyValuesMessage(results), results.map((r) => ({ ...propertyDetail(r), context: { propertyName: [r.name] } })), n);
  }
  return { ok: true, inputs };
}

const EDGE_WHITESPACE = /^[\s\u200b\u200c\u200d\u2060]|[\s\u200b\u200c\u200d\u2060]$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const EPOCH_MS = /^-?\d{1,16}$/;
const DAY_MS = 86_400_000;

function realDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

type Check = { ok: true; value: string } | { ok: false; error: string; message: string };

/** Type check and normalisation of one non-empty value against its property definition. */
export function checkValue(def: PropertyDefinition, value: string): Check {
  if (def.type !== 'string' && EDGE_WHITESPACE.test(value)) {
    return { ok: false, error: 'LEADING_TRAILING_WHITESPACE', message: `"${value}" includes leading or trailing whitespace.` };
  }
  switch (def.type) {
    case 'string':
      if (value.length > MAX_STRING_LENGTH) return { ok: false, error: 'VALUE_TOO_LONG', message: `Value for ${def.name} is longer than ${MAX_STRING_LENGTH} characters.` };
      return { ok: true, value };
    case 'number':
      if (NUMBER.test(value) && Number.isFinite(Number(value))) return { ok: true, value };
      return { ok: false, error: 'INVALID_NUMBER', message: `${value} was not a valid number.` };
    case 'bool': {
      const v = value.toLowerCase();
      if (v === 'true' || v === 'false') return { ok: true, value: v };
      return { ok: false, error: 'INVALID_BOOLEAN', message: `${value} was not one of the allowed options: [true, false]` };
    }
    case 'enumeration': {
      if (def.externalOptions) {
        if (/^\d+$/.test(value)) return { ok: true, value };
        return { ok: false, error: 'INVALID_OPTION', message: `${value} was not a valid ${def.referencedObjectType ?? 'option'} id.` };
      }
      const allowed = def.options.map((o) => o.value);
      if (allowed.includes(value)) return { ok: true, value };
      return { ok: false, error: 'INVALID_OPTION', message: `${value} was not one of the allowed options: [${allowed.join(', ')}]` };
    }
    case 'date': {
      if (realDate(value)) return { ok: true, value };
      if (EPOCH_MS.test(value) && Number(value) % DAY_MS === 0) return { ok: true, value: new Date(Number(value)).toISOString().slice(0, 10) };
      return { ok: false, error: 'INVALID_DATE', message: `${value} is not a valid date: send YYYY-MM-DD or epoch milliseconds at midnight UTC.` };
    }
    case 'datetime': {
      if (EPOCH_MS.test(value)) return { ok: true, value: new Date(Number(value)).toISOString() };
      const t = ISO_DATETIME.test(value) && (ISO_DATE.test(value) ? realDate(value) : true) ? Date.parse(value) : NaN;
      if (Number.isFinite(t)) return { ok: true, value: new Date(t).toISOString() };
      return { ok: false, error: 'INVALID_DATETIME', message: `${value} is not a valid datetime: send epoch milliseconds or ISO 8601.` };
    }
  }
}

export type InputCheck =
  | { ok: true; properties: Record<string, string>; idValue: string }
  | { ok: false; results: PropertyValidationResult[] };

/** Per-input checks: id value, read-only/calculated properties, value types. Returns normalised values. */
export function validateInput(input: UpsertInput): InputCheck {
  const results: PropertyValidationResult[] = [];
  const properties: Record<string, string> = {};
  const idDef = getLiveProperty(input.idProperty) as PropertyDefinition;
  let idValue = input.id;
  if (input.id === '') {
    results.push({ isValid: false, message: `The id for ${input.idProperty} must not be empty.`, error: 'INVALID_ID', name: input.idProperty });
  } else {
    const c = checkValue(idDef, input.id);
    if (c.ok) idValue = c.value;
    else results.push({ isValid: false, message: c.message, error: c.error, name: input.idProperty });
  }
  for (const [name, value] of Object.entries(input.properties)) {
    const def = getLiveProperty(name) as PropertyDefinition; // existence checked for the whole request
    if (def.calculated) {
      results.push({ isValid: false, message: `"${name}" is a calculated property; its value cannot be set.`, error: 'CALCULATED', name });
      continue;
    }
    if (isReadOnly(def)) {
      results.push({ isValid: false, message: `${name} is a read only property; its value cannot be set.`, error: 'READ_ONLY_VALUE', name });
      continue;
    }
    if (value === '') {
      properties[name] = '';
      continue;
    }
    const c = checkValue(def, value);
    if (c.ok) properties[name] = c.value;
    else results.push({ isValid: false, message: c.message, error: c.error, name });
  }
  if (Object.prototype.hasOwnProperty.call(properties, input.idProperty) && properties[input.idProperty] !== idValue) {
    results.push({
      isValid: false, error: 'CONFLICTING_ID_PROPERTY', name: input.idProperty,
      message: `properties.${input.idProperty} (${properties[input.idProperty]}) differs from the input id (${idValue}).`,
    });
  }
  return results.length > 0 ? { ok: false, results } : { ok: true, properties, idValue };
}
