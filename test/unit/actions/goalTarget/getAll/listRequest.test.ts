import { ParameterError } from '../../../../../nodes/HubSpotGoalTargets/actions/goalTarget/common/parameterError';
import {
	archivedFrom,
	wantedRecords,
} from '../../../../../nodes/HubSpotGoalTargets/actions/goalTarget/common/readOptions';
import { listQuery } from '../../../../../nodes/HubSpotGoalTargets/actions/goalTarget/getAll/listRequest';

/** The ParameterError `run` throws: its message and field. */
function refusal(run: () => unknown): { message: string; field: string } {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(ParameterError);
		const { message, field } = error as ParameterError;
		return { message, field };
	}
	throw new Error('nothing was refused');
}

describe('wantedRecords', () => {
	it('is undefined (all) with Return All, else the limit; true/false and digits as text too', () => {
		expect(wantedRecords(true, 5)).toBeUndefined();
		expect(wantedRecords('true', 5)).toBeUndefined();
		expect(wantedRecords(' TRUE ', 5)).toBeUndefined();
		expect(wantedRecords(false, 5)).toBe(5);
		expect(wantedRecords('false', ' 120 ')).toBe(120);
		expect(wantedRecords(undefined, undefined)).toBe(50);
		expect(wantedRecords(false, 100_000)).toBe(100_000);
		expect(wantedRecords(false, 10_000, 10_000)).toBe(10_000);
		// A Limit that Return All hides is not checked.
		expect(wantedRecords(true, 'lots')).toBeUndefined();
	});

	it.each([0, -1, 2.5, 'lots', '', '1e3', true, [5], 100_001])(
		'refuses the limit %p, naming it and its range',
		(bad) => {
			expect(refusal(() => wantedRecords(false, bad))).toEqual({
				message: expect.stringMatching(
					/^Parameter 'Limit' \(limit\) must be a whole number from 1 to 100,000, not /,
				),
				field: 'limit',
			});
		},
	);

	it("refuses a limit beyond the caller's maximum (Search: 10,000)", () => {
		expect(refusal(() => wantedRecords(false, 10_001, 10_000)).message).toBe(
			"Parameter 'Limit' (limit) must be a whole number from 1 to 10,000, not 10001",
		);
	});

	it.each([
		[1, 'not 1'],
		['yes', "not 'yes'"],
		[2.5, 'not 2.5'],
		[-1, 'not -1'],
		['', "not ''"],
	])('refuses Return All given as %p, naming it', (bad, shown) => {
		expect(refusal(() => wantedRecords(bad, 5))).toEqual({
			message: `Parameter 'Return All' (returnAll) must be true or false, ${shown}`,
			field: 'returnAll',
		});
	});
});

describe('archivedFrom', () => {
	it('reads Options → Archived: true or false, also as text; left out is false', () => {
		expect(
			[
				{ archived: true },
				{ archived: 'TRUE ' },
				{ archived: false },
				{ archived: 'false' },
				{},
			].map(archivedFrom),
		).toEqual([true, true, false, false, false]);
		expect(archivedFrom(undefined)).toBe(false);
		// An inherited name is not an option.
		expect(archivedFrom(Object.create({ archived: true }))).toBe(false);
	});

	it.each([
		[1, 'not 1'],
		['yes', "not 'yes'"],
		[2.5, 'not 2.5'],
		[-1, 'not -1'],
		['', "not ''"],
		[{}, 'not an object'],
	])('refuses %p, naming the option', (bad, shown) => {
		expect(refusal(() => archivedFrom({ archived: bad }))).toEqual({
			message: `Option 'Archived' (archived) must be true or false, ${shown}`,
			field: 'options.archived',
		});
	});
});

describe('listQuery', () => {
	it('sends limit and archived always, after and the properties (comma-separated) when given', () => {
		expect(listQuery({ limit: 100, archived: false, properties: [] })).toEqual({
			limit: 100,
			archived: false,
		});
		expect(
			listQuery({
				limit: 20,
				after: '30000000101',
				archived: true,
				properties: ['hs_goal_name', 'hs_milestone'],
			}),
		).toEqual({
			limit: 20,
			after: '30000000101',
			archived: true,
			properties: 'hs_goal_name,hs_milestone',
		});
	});
});
