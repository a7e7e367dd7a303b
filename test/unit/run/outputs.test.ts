import { problemOutcomes, toOutputs } from '../../../nodes/HubSpotGoalTargets/run/outputs';
import { propertiesFromMapper } from '../../../nodes/HubSpotGoalTargets/helpers/resourceMapperValue';

describe('toOutputs', () => {
	it('puts results on Success and errors on Error, each in input order with its paired item', () => {
		const [success, error] = toOutputs([
			{ seq: 2, itemIndex: 2, ok: true, result: { id: '3', properties: {} } },
			{ seq: 0, itemIndex: 0, ok: true, result: { id: '1', properties: {} } },
			{
				seq: 1,
				itemIndex: 1,
				ok: false,
				error: { message: 'bad', httpCode: '207' },
				input: { id: 'b' },
			},
		]);
		expect(success.map((i) => [i.json.id, i.pairedItem])).toEqual([
			['1', { item: 0 }],
			['3', { item: 2 }],
		]);
		expect(error).toEqual([
			{
				json: {
					error: {
						message: 'bad',
						httpCode: '207',
						category: null,
						subCategory: null,
						context: null,
						correlationId: null,
					},
					input: { id: 'b' },
				},
				pairedItem: { item: 1 },
			},
		]);
	});

	it('turns input problems into error outcomes', () => {
		const outcomes = problemOutcomes([
			{
				seq: 0,
				itemIndex: 0,
				input: { id: 'a', idProperty: 'k', properties: {}, objectWriteTraceId: 't' },
			},
			{
				seq: 1,
				itemIndex: 1,
				error: { message: "Item 1: 'idValue' is empty", field: 'idValue' },
				input: {},
			},
		]);
		expect(outcomes).toEqual([
			{
				seq: 1,
				itemIndex: 1,
				ok: false,
				error: { message: "Item 1: 'idValue' is empty", field: 'idValue' },
				input: {},
			},
		]);
	});
});

describe('propertiesFromMapper', () => {
	it('takes the values set below', () => {
		expect(
			propertiesFromMapper({ mappingMode: 'defineBelow', value: { a: '1' } }, { a: 'x' }),
		).toEqual({ a: '1' });
		expect(propertiesFromMapper({ mappingMode: 'defineBelow', value: null }, { a: 'x' })).toEqual(
			{},
		);
	});

	it('maps item fields automatically by property name, skipping removed ones and unknown fields', () => {
		const mapper = {
			mappingMode: 'autoMapInputData',
			value: null,
			schema: [{ id: 'hs_goal_name' }, { id: 'hs_target_amount', removed: true }],
		};
		expect(
			propertiesFromMapper(mapper, { hs_goal_name: 'G', hs_target_amount: 5, other: 1 }),
		).toEqual({ hs_goal_name: 'G' });
	});
});
