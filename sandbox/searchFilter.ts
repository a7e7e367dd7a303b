/**
 * Search filters: HubSpot's operators over the account's properties, typed by the property definition.
 * Strings and options compare case-insensitively; numbers as numbers; date/datetime as instants (the value may be
 * epoch milliseconds or ISO 8601). A record without the property matches only NEQ, NOT_IN, NOT_HAS_PROPERTY and
 * NOT_CONTAINS_TOKEN (guess, noted: HubSpot does not document the unset case for the negative operators).
 */
import { PropertyDefinition, getLiveProperty } from './properties';

const OPERATORS = [
	'EQ',
	'NEQ',
	'LT',
	'LTE',
	'GT',
	'GTE',
	'BETWEEN',
	'IN',
	'NOT_IN',
	'HAS_PROPERTY',
	'NOT_HAS_PROPERTY',
	'CONTAINS_TOKEN',
	'NOT_CONTAINS_TOKEN',
] as const;
type Operator = (typeof OPERATORS)[number];

export interface Filter {
	propertyName: string;
	operator: Operator;
	value?: string;
	highValue?: string;
	values?: string[];
}

const NEGATIVE: ReadonlySet<Operator> = new Set([
	'NEQ',
	'NOT_IN',
	'NOT_HAS_PROPERTY',
	'NOT_CONTAINS_TOKEN',
]);

/** A comparable form of a value of this property: number for numeric and time types, lower-case string else. */
export function comparable(def: PropertyDefinition, value: string): number | string {
	switch (def.type) {
		case 'number':
			return Number(value);
		case 'date':
		case 'datetime':
			return /^-?\d+$/.test(value) ? Number(value) : Date.parse(value);
		default:
			return value.toLowerCase();
	}
}

export function compare(a: number | string, b: number | string): number {
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	const x = String(a);
	const y = String(b);
	return x < y ? -1 : x > y ? 1 : 0;
}

export const tokens = (value: string): string[] =>
	value
		.toLowerCase()
		.split(/[^\p{L}\p{N}*]+/u)
		.filter((t) => t !== '');

/** CONTAINS_TOKEN: every token of the value is a token of the stored value; `*` is a wildcard. */
function containsToken(stored: string, value: string): boolean {
	const have = tokens(stored);
	return tokens(value).every((want) => {
		if (!want.includes('*')) return have.includes(want);
		const re = new RegExp(
			`^${want
				.split('*')
				.map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
				.join('.*')}$`,
		);
		return have.some((t) => re.test(t)) || re.test(stored.toLowerCase());
	});
}

export function matches(filter: Filter, properties: Record<string, string>): boolean {
	const def = getLiveProperty(filter.propertyName) as PropertyDefinition; // checked when the request was parsed
	const stored = properties[filter.propertyName];
	if (stored === undefined || stored === '') return NEGATIVE.has(filter.operator);
	const v = comparable(def, stored);
	const of = (x: string | undefined): number | string => comparable(def, x ?? '');
	switch (filter.operator) {
		case 'EQ':
			return compare(v, of(filter.value)) === 0;
		case 'NEQ':
			return compare(v, of(filter.value)) !== 0;
		case 'LT':
			return compare(v, of(filter.value)) < 0;
		case 'LTE':
			return compare(v, of(filter.value)) <= 0;
		case 'GT':
			return compare(v, of(filter.value)) > 0;
		case 'GTE':
			return compare(v, of(filter.value)) >= 0;
		case 'BETWEEN':
			return compare(v, of(filter.value)) >= 0 && compare(v, of(filter.highValue)) <= 0;
		case 'IN':
			return (filter.values ?? []).some((x) => compare(v, of(x)) === 0);
		case 'NOT_IN':
			return !(filter.values ?? []).some((x) => compare(v, of(x)) === 0);
		case 'HAS_PROPERTY':
			return true;
		case 'NOT_HAS_PROPERTY':
			return false;
		case 'CONTAINS_TOKEN':
			return containsToken(stored, filter.value ?? '');
		case 'NOT_CONTAINS_TOKEN':
			return !containsToken(stored, filter.value ?? '');
	}
}

/** Why a filter cannot be run (a 400 for the whole search), or undefined. */
export function filterProblem(f: Record<string, unknown>, where: string): string | undefined {
	if (typeof f.propertyName !== 'string') return `${where}.propertyName is required`;
	const def = getLiveProperty(f.propertyName);
	if (!def) return `${where}: property ${f.propertyName} does not exist on 0-74`;
	if (!OPERATORS.includes(f.operator as Operator))
		return `${where}.operator must be one of ${OPERATORS.join(', ')}`;
	const op = f.operator as Operator;
	const needsValue = !['HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'IN', 'NOT_IN'].includes(op);
	if (
		needsValue &&
		typeof f.value !== 'string' &&
		typeof f.value !== 'number' &&
		typeof f.value !== 'boolean'
	) {
		return `${where}.value is required for operator ${op}`;
	}
	if (op === 'BETWEEN' && typeof f.highValue !== 'string' && typeof f.highValue !== 'number') {
		return `${where}.highValue is required for operator BETWEEN`;
	}
	if ((op === 'IN' || op === 'NOT_IN') && (!Array.isArray(f.values) || f.values.length === 0)) {
		return `${where}.values must be a non-empty array for operator ${op}`;
	}
	if (
		['LT', 'LTE', 'GT', 'GTE', 'BETWEEN'].includes(op) &&
		(def.type === 'number' || def.type === 'date' || def.type === 'datetime')
	) {
		for (const x of [f.value, op === 'BETWEEN' ? f.highValue : undefined]) {
			if (x !== undefined && Number.isNaN(comparable(def, String(x))))
				return `${where}: ${String(x)} is not a valid ${def.type} value`;
		}
	}
	return undefined;
}

/** The filter in its typed form (values as strings, as HubSpot reads them). */
export function toFilter(f: Record<string, unknown>): Filter {
	const filter: Filter = {
		propertyName: f.propertyName as string,
		operator: f.operator as Operator,
	};
	if (f.value !== undefined && f.value !== null) filter.value = String(f.value);
	if (f.highValue !== undefined && f.highValue !== null) filter.highValue = String(f.highValue);
	if (Array.isArray(f.values)) filter.values = f.values.map(String);
	return filter;
}
