import { cappedSearchNote } from '../../../../../nodes/HubSpotGoalTargets/actions/goalTarget/search/cappedNote';

describe('cappedSearchNote', () => {
	it('names the item, how many matched, what was output and how to read the rest', () => {
		expect(cappedSearchNote([{ itemIndex: 0, total: 25_000 }])).toBe(
			'The search of item 0 (25,000 matches) matched more goal targets than HubSpot serves for one search: only the first 10,000 of each are output. ' +
				'To read the rest, narrow the filters (e.g. by date ranges), or sort by Record ID (hs_object_id) ascending and search again with a filter "hs_object_id Greater Than" the last ID read.',
		);
	});

	it('lists several items, with or without a count', () => {
		expect(cappedSearchNote([{ itemIndex: 2, total: 10_001 }, { itemIndex: 5 }])).toMatch(
			/^The searches of item 2 \(10,001 matches\), item 5 matched more/,
		);
	});
});
