import {
	listQuery,
	switchOn,
	wantedRecords,
} from '../../nodes/HubSpotGoalTargets/actions/goalTarget/getAll/listRequest';

describe('wantedRecords', () => {
	it('is undefined (all) with Return All, else the limit', () => {
		expect(wantedRecords(true, 5)).toBeUndefined();
		expect(wantedRecords('true', 5)).toBeUndefined();
		expect(wantedRecords(false, 5)).toBe(5);
		expect(wantedRecords(false, '120')).toBe(120);
	});

	it('refuses a limit that is not a whole number of at least 1, naming it', () => {
		for (const bad of [0, -1, 2.5, 'lots', '', null]) {
			expect(() => wantedRecords(false, bad)).toThrow(
				`'limit' must be a whole number of at least 1 (got ${JSON.stringify(bad)})`,
			);
		}
	});
});

describe('switchOn', () => {
	it('reads true/false, also as text, and empty as false', () => {
		expect([true, 'TRUE ', false, 'false', undefined, ''].map((v) => switchOn(v, 'x'))).toEqual([
			true,
			true,
			false,
			false,
			false,
			false,
		]);
		expect(() => switchOn('yes', 'options.archived')).toThrow(
			`'options.archived' must be true or false (got "yes")`,
		);
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
