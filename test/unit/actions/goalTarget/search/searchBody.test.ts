import {
	buildFilterGroups,
	buildSearchBody,
	filterValueText,
} from '../../../../../nodes/HubSpotGoalTargets/actions/goalTarget/search/searchBody';
import { ParameterError } from '../../../../../nodes/HubSpotGoalTargets/actions/goalTarget/common/parameterError';
import { propertyNamesFrom } from '../../../../../nodes/HubSpotGoalTargets/actions/goalTarget/common/readOptions';

const groups = (...conditionLists: Array<Array<Record<string, unknown>>>) => ({
	groups: conditionLists.map((conditions) => ({ filters: { conditions } })),
});

function errorOf(run: () => unknown): ParameterError {
	try {
		run();
	} catch (error) {
		if (error instanceof ParameterError) return error;
		throw error;
	}
	throw new Error('no error thrown');
}

describe('propertyNamesFrom', () => {
	it('takes the dropdown list, typed comma-separated names, or both mixed', () => {
		expect(propertyNamesFrom(['hs_goal_name', 'hs_target_amount'])).toEqual([
			'hs_goal_name',
			'hs_target_amount',
		]);
		expect(propertyNamesFrom(' hs_goal_name, hs_target_amount ,,')).toEqual([
			'hs_goal_name',
			'hs_target_amount',
		]);
		expect(propertyNamesFrom(['hs_goal_name', 'a,b', 'hs_goal_name'])).toEqual([
			'hs_goal_name',
			'a',
			'b',
		]);
	});

	it('gives no names for nothing chosen', () => {
		expect(propertyNamesFrom(undefined)).toEqual([]);
		expect(propertyNamesFrom([])).toEqual([]);
		expect(propertyNamesFrom('')).toEqual([]);
	});

	it('refuses what is not names', () => {
		expect(() => propertyNamesFrom([{ name: 'x' }])).toThrow(
			"'options.propertiesToReturn' must be property names",
		);
	});
});

describe('filterValueText', () => {
	it('writes numbers, booleans and dates as HubSpot reads them', () => {
		expect(filterValueText('monthly', 'v')).toBe('monthly');
		expect(filterValueText(1500.5, 'v')).toBe('1500.5');
		expect(filterValueText(false, 'v')).toBe('false');
		expect(filterValueText(new Date('2027-01-01T00:00:00.000Z'), 'v')).toBe('1798761600000');
		// n8n's $now and other Luxon date-times
		expect(filterValueText({ toMillis: () => 1798761600000 }, 'v')).toBe('1798761600000');
	});

	it('gives undefined for empty and refuses objects', () => {
		expect(filterValueText('', 'v')).toBeUndefined();
		expect(filterValueText(null, 'v')).toBeUndefined();
		expect(
			errorOf(() => filterValueText({ a: 1 }, 'filterGroups.groups[0].filters.conditions[0].value'))
				.field,
		).toBe('filterGroups.groups[0].filters.conditions[0].value');
	});
});

describe('buildFilterGroups', () => {
	it('makes one group per filter group, its filters ANDed', () => {
		expect(
			buildFilterGroups(
				groups(
					[
						{ propertyName: 'hs_milestone', operator: 'EQ', value: 'monthly' },
						{ propertyName: 'hs_target_amount', operator: 'GTE', value: 40000 },
					],
					[{ propertyName: 'external_goal_key', operator: 'CONTAINS_TOKEN', value: '*-EMEA' }],
				),
			),
		).toEqual([
			{
				filters: [
					{ propertyName: 'hs_milestone', operator: 'EQ', value: 'monthly' },
					{ propertyName: 'hs_target_amount', operator: 'GTE', value: '40000' },
				],
			},
			{
				filters: [
					{ propertyName: 'external_goal_key', operator: 'CONTAINS_TOKEN', value: '*-EMEA' },
				],
			},
		]);
	});

	it('sends no value for Is Known / Is Unknown, even when one was left in the field', () => {
		expect(
			buildFilterGroups(
				groups([
					{ propertyName: 'hubspot_owner_id', operator: 'NOT_HAS_PROPERTY', value: 'left over' },
				]),
			),
		).toEqual([{ filters: [{ propertyName: 'hubspot_owner_id', operator: 'NOT_HAS_PROPERTY' }] }]);
	});

	it('sends value and highValue for Between', () => {
		expect(
			buildFilterGroups(
				groups([
					{ propertyName: 'hs_target_amount', operator: 'BETWEEN', value: 1000, highValue: '5000' },
				]),
			),
		).toEqual([
			{
				filters: [
					{
						propertyName: 'hs_target_amount',
						operator: 'BETWEEN',
						value: '1000',
						highValue: '5000',
					},
				],
			},
		]);
		const error = errorOf(() =>
			buildFilterGroups(
				groups([{ propertyName: 'hs_target_amount', operator: 'BETWEEN', value: 1 }]),
			),
		);
		expect(error.message).toBe(
			'Filter group 1, filter 1 (hs_target_amount BETWEEN): the high value is empty',
		);
		expect(error.field).toBe('filterGroups.groups[0].filters.conditions[0].highValue');
	});

	it('sends values for Is Any Of / Is None Of, from a list or comma-separated text', () => {
		expect(
			buildFilterGroups(
				groups([{ propertyName: 'hs_milestone', operator: 'IN', value: 'monthly, quarterly' }]),
			),
		).toEqual([
			{
				filters: [
					{ propertyName: 'hs_milestone', operator: 'IN', values: ['monthly', 'quarterly'] },
				],
			},
		]);
		expect(
			buildFilterGroups(
				groups([{ propertyName: 'hs_object_id', operator: 'NOT_IN', value: [1, '2'] }]),
			),
		).toEqual([
			{ filters: [{ propertyName: 'hs_object_id', operator: 'NOT_IN', values: ['1', '2'] }] },
		]);
		expect(
			errorOf(() =>
				buildFilterGroups(groups([{ propertyName: 'hs_milestone', operator: 'IN', value: ' , ' }])),
			).message,
		).toBe(
			'Filter group 1, filter 1 (hs_milestone IN): no values given (a list, or comma-separated text)',
		);
	});

	it('names the group, the filter and the field of a bad filter', () => {
		const noProperty = errorOf(() =>
			buildFilterGroups(
				groups([{ propertyName: 'a', value: '1' }], [{ propertyName: ' ', value: 'x' }]),
			),
		);
		expect(noProperty.message).toBe('Filter group 2, filter 1: no property chosen');
		expect(noProperty.field).toBe('filterGroups.groups[1].filters.conditions[0].propertyName');
		const noValue = errorOf(() =>
			buildFilterGroups(groups([{ propertyName: 'hs_goal_name', operator: 'EQ', value: '' }])),
		);
		expect(noValue.message).toContain(
			'the value is empty (to find records without a value, use the operator Is Unknown)',
		);
		expect(
			errorOf(() =>
				buildFilterGroups(groups([{ propertyName: 'a', operator: 'LIKE', value: 'x' }])),
			).message,
		).toBe("Filter group 1, filter 1: unknown operator 'LIKE'");
	});

	it('leaves out groups without filters and takes Equal when no operator is set', () => {
		expect(
			buildFilterGroups({
				groups: [{ filters: {} }, { filters: { conditions: [{ propertyName: 'a', value: 'b' }] } }],
			}),
		).toEqual([{ filters: [{ propertyName: 'a', operator: 'EQ', value: 'b' }] }]);
		expect(buildFilterGroups(undefined)).toEqual([]);
		expect(buildFilterGroups({})).toEqual([]);
	});
});

describe('buildSearchBody', () => {
	it('builds filters, one sort, the query and the properties to return', () => {
		expect(
			buildSearchBody({
				filterGroups: groups([{ propertyName: 'hs_milestone', operator: 'EQ', value: 'monthly' }]),
				query: ' EMEA ',
				sortBy: 'hs_target_amount',
				sortDirection: 'ASCENDING',
				propertiesToReturn: ['hs_goal_name', 'hs_target_amount'],
			}),
		).toEqual({
			filterGroups: [
				{ filters: [{ propertyName: 'hs_milestone', operator: 'EQ', value: 'monthly' }] },
			],
			sorts: [{ propertyName: 'hs_target_amount', direction: 'ASCENDING' }],
			query: 'EMEA',
			properties: ['hs_goal_name', 'hs_target_amount'],
		});
	});

	it('sends the lists HubSpot requires even when empty, and no query when none is given', () => {
		expect(buildSearchBody({})).toEqual({ filterGroups: [], sorts: [], properties: [] });
		expect(buildSearchBody({ query: '  ', sortBy: '' })).toEqual({
			filterGroups: [],
			sorts: [],
			properties: [],
		});
	});

	it('sorts descending unless ascending is asked for', () => {
		expect(buildSearchBody({ sortBy: 'hs_createdate' }).sorts).toEqual([
			{ propertyName: 'hs_createdate', direction: 'DESCENDING' },
		]);
	});

	it("refuses a query longer than HubSpot's 3000 characters", () => {
		const error = errorOf(() => buildSearchBody({ query: 'x'.repeat(3001) }));
		expect(error.message).toBe("'query' is 3001 characters long; HubSpot takes at most 3000");
		expect(error.field).toBe('query');
	});

	it('names Properties to Return when it holds no names', () => {
		expect(errorOf(() => buildSearchBody({ propertiesToReturn: [{}] })).field).toBe(
			'options.propertiesToReturn',
		);
	});
});
