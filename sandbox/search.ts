/**
 * POST .../search (PublicObjectSearchRequest -> CollectionResponseWithTotalSimplePublicObject).
 * - filterGroups: OR of groups, each an AND of filters; at most 5 groups, 6 filters in a group, 18 in all
 *   (HubSpot's documented limits);
 * - query: free text; every word must start a word of a text property's value or be the record id (guess, noted:
 *   HubSpot searches an object's "default searchable properties", which it does not list for goal targets);
 * - sorts: `"name"`, `"-name"` (descending) or `{propertyName, direction: ASCENDING|DESCENDING}`; default id order;
 * - limit 1..200 (default 10); `after` is an offset; at most 10,000 results per query: a page that would start at
 *   10,000 or later is a 400, and `total` still counts every match;
 * - archived records are never found (the request has no archived flag).
 */
import { Parsed, isRecord, parseJsonObject, reject } from './batchInput';
import { PublicObject, toPublicObject } from './objectView';
import { OperationOutcome, OperationRequest, refused } from './operation';
import { PropertyDefinition, getLiveProperty } from './properties';
import { GoalTargetRecord, compareIds } from './store';
import {
	Filter,
	compare,
	comparable,
	filterProblem,
	matches,
	toFilter,
	tokens,
} from './searchFilter';

export const MAX_SEARCH_LIMIT = 200;
const DEFAULT_SEARCH_LIMIT = 10;
export const MAX_SEARCH_RESULTS = 10_000;
const MAX_FILTER_GROUPS = 5;
const MAX_FILTERS_PER_GROUP = 6;
const MAX_FILTERS = 18;
const MAX_QUERY_LENGTH = 3000;

interface SearchBody {
	total: number;
	results: PublicObject[];
	paging?: { next: { after: string; link?: string } };
}

interface Sort {
	def: PropertyDefinition;
	descending: boolean;
}

interface SearchRequest {
	groups: Filter[][];
	query: string[];
	sorts: Sort[];
	properties: string[];
	limit: number;
	offset: number;
}

const bad = (message: string, code = 'INVALID_SEARCH_REQUEST'): Parsed<never> =>
	reject(message, [{ message, code }]);

function parseSort(s: unknown, i: number): Parsed<Sort> {
	let name: unknown;
	let descending = false;
	if (typeof s === 'string') {
		descending = s.startsWith('-');
		name = descending ? s.slice(1) : s;
	} else if (isRecord(s)) {
		name = s.propertyName;
		if (s.direction !== undefined && s.direction !== 'ASCENDING' && s.direction !== 'DESCENDING') {
			return bad(`sorts[${i}].direction must be ASCENDING or DESCENDING`);
		}
		descending = s.direction === 'DESCENDING';
	}
	const def = typeof name === 'string' ? getLiveProperty(name) : undefined;
	if (!def) return bad(`sorts[${i}]: ${String(name)} is not a property of 0-74`);
	return { ok: true, value: { def, descending } };
}

function parseSearch(raw: string): Parsed<SearchRequest> {
	const parsed = parseJsonObject(raw);
	if (!parsed.ok) return parsed;
	const b = parsed.value;

	const rawGroups = b.filterGroups ?? [];
	if (!Array.isArray(rawGroups)) return bad('filterGroups must be an array');
	if (rawGroups.length > MAX_FILTER_GROUPS)
		return bad(
			`At most ${MAX_FILTER_GROUPS} filterGroups are allowed (got ${rawGroups.length})`,
			'TOO_MANY_FILTER_GROUPS',
		);
	const groups: Filter[][] = [];
	let total = 0;
	for (const [g, group] of rawGroups.entries()) {
		if (!isRecord(group) || !Array.isArray(group.filters))
			return bad(`filterGroups[${g}].filters must be an array`);
		if (group.filters.length > MAX_FILTERS_PER_GROUP)
			return bad(
				`At most ${MAX_FILTERS_PER_GROUP} filters are allowed in a filter group (filterGroups[${g}] has ${group.filters.length})`,
				'TOO_MANY_FILTERS',
			);
		total += group.filters.length;
		const filters: Filter[] = [];
		for (const [i, f] of group.filters.entries()) {
			const where = `filterGroups[${g}].filters[${i}]`;
			if (!isRecord(f)) return bad(`${where} must be an object`);
			const problem = filterProblem(f, where);
			if (problem) return bad(problem, 'INVALID_FILTER');
			filters.push(toFilter(f));
		}
		groups.push(filters);
	}
	if (total > MAX_FILTERS)
		return bad(
			`At most ${MAX_FILTERS} filters are allowed across all filter groups (got ${total})`,
			'TOO_MANY_FILTERS',
		);

	if (b.query !== undefined && b.query !== null && typeof b.query !== 'string')
		return bad('query must be a string');
	const queryText = typeof b.query === 'string' ? b.query : '';
	if (queryText.length > MAX_QUERY_LENGTH)
		return bad(`query must be at most ${MAX_QUERY_LENGTH} characters`);

	const rawSorts = b.sorts ?? [];
	if (!Array.isArray(rawSorts)) return bad('sorts must be an array');
	const sorts: Sort[] = [];
	for (const [i, s] of rawSorts.entries()) {
		const sort = parseSort(s, i);
		if (!sort.ok) return sort;
		sorts.push(sort.value);
	}

	const properties = b.properties ?? [];
	if (!Array.isArray(properties) || properties.some((p) => typeof p !== 'string'))
		return bad('properties must be an array of strings');

	const limit = b.limit ?? DEFAULT_SEARCH_LIMIT;
	if (
		typeof limit !== 'number' ||
		!Number.isInteger(limit) ||
		limit < 1 ||
		limit > MAX_SEARCH_LIMIT
	) {
		return bad(
			`limit must be an integer between 1 and ${MAX_SEARCH_LIMIT} (got ${JSON.stringify(limit)})`,
			'INVALID_LIMIT',
		);
	}
	const after = b.after ?? '0';
	const offset =
		typeof after === 'number'
			? after
			: typeof after === 'string' && /^\d+$/.test(after)
				? Number(after)
				: NaN;
	if (!Number.isInteger(offset) || offset < 0)
		return bad(`Invalid paging cursor after=${JSON.stringify(after)}`, 'INVALID_AFTER');
	if (offset >= MAX_SEARCH_RESULTS) {
		return bad(
			`Search results are limited to ${MAX_SEARCH_RESULTS} per query (after=${offset}); narrow the filters to reach more records.`,
			'SEARCH_RESULT_LIMIT',
		);
	}
	return {
		ok: true,
		value: {
			groups,
			query: tokens(queryText),
			sorts,
			properties: properties as string[],
			limit,
			offset,
		},
	};
}

/** Every query word starts a word of a string property's value, or equals the record id. */
function matchesQuery(words: string[], record: GoalTargetRecord): boolean {
	if (words.length === 0) return true;
	const have: string[] = [record.id];
	for (const [name, value] of Object.entries(record.properties)) {
		if (getLiveProperty(name)?.type === 'string') have.push(...tokens(value));
	}
	return words.every((w) => have.some((t) => t.startsWith(w.replace(/\*/g, ''))));
}

function sortRecords(records: GoalTargetRecord[], sorts: Sort[]): GoalTargetRecord[] {
	return records.sort((a, b) => {
		for (const { def, descending } of sorts) {
			const x = a.properties[def.name];
			const y = b.properties[def.name];
			if (x === undefined || y === undefined) {
				if (x !== y) return x === undefined ? 1 : -1; // unset values last either way
				continue;
			}
			const c = compare(comparable(def, x), comparable(def, y));
			if (c !== 0) return descending ? -c : c;
		}
		return compareIds(a, b);
	});
}

export function executeSearch(req: OperationRequest): OperationOutcome {
	const parsed = parseSearch(req.raw);
	if (!parsed.ok) return refused(400, parsed.error);
	const { groups, query, sorts, properties, limit, offset } = parsed.value;
	const found = req.store
		.list()
		.filter(
			(r) =>
				!r.archived &&
				(groups.length === 0 ||
					groups.some((filters) => filters.every((f) => matches(f, r.properties)))) &&
				matchesQuery(query, r),
		);
	const sorted = sortRecords(found, sorts);
	const end = Math.min(offset + limit, MAX_SEARCH_RESULTS, sorted.length);
	const body: SearchBody = {
		total: sorted.length,
		results: sorted.slice(offset, end).map((r) => toPublicObject(r, req.store, { properties })),
	};
	if (end < sorted.length) body.paging = { next: { after: String(end), link: `?after=${end}` } };
	return { status: 200, body };
}
