import {
	buildCreateInput,
	buildJsonCreateInputs,
} from '../../../../../nodes/HubSpotGoalTargets/actions/goalTarget/batchCreate/batchCreate.input';
import {
	buildJsonUpdateInputs,
	buildUpdateInput,
} from '../../../../../nodes/HubSpotGoalTargets/actions/goalTarget/batchUpdate/batchUpdate.input';
import type { PropertyLookup } from '../../../../../nodes/HubSpotGoalTargets/helpers/propertySchema';

const schema: PropertyLookup = new Map([
	['hs_goal_name', { name: 'hs_goal_name', type: 'string' }],
	['hs_target_amount', { name: 'hs_target_amount', type: 'number' }],
	['external_goal_key', { name: 'external_goal_key', type: 'string', hasUniqueValue: true }],
	[
		'hs_createdate',
		{ name: 'hs_createdate', type: 'datetime', modificationMetadata: { readOnlyValue: true } },
	],
]);

describe('create inputs', () => {
	it('converts the properties and sets a trace id and no associations', () => {
		expect(
			buildCreateInput(
				{ itemIndex: 0, seq: 4 },
				{ properties: { hs_goal_name: 'A', hs_target_amount: 1500 } },
				schema,
			),
		).toEqual({
			seq: 4,
			itemIndex: 0,
			input: {
				properties: { hs_goal_name: 'A', hs_target_amount: '1500' },
				objectWriteTraceId: 'n8n-4',
				associations: [],
			},
		});
	});

	it('refuses empty properties, a read-only one, a bad value, naming the item and field', () => {
		expect(buildCreateInput({ itemIndex: 2, seq: 2 }, { properties: {} }, schema)).toMatchObject({
			error: {
				message:
					"Item 2: 'properties' is empty: a goal target needs at least one property to be created",
				field: 'properties',
			},
		});
		expect(
			buildCreateInput({ itemIndex: 2, seq: 2 }, { properties: { hs_createdate: 'x' } }, schema),
		).toMatchObject({
			error: { field: 'properties.hs_createdate' },
		});
		expect(
			buildCreateInput(
				{ itemIndex: 2, seq: 2 },
				{ properties: { hs_target_amount: 'lots' } },
				schema,
			),
		).toMatchObject({
			error: { message: "Item 2: 'properties.hs_target_amount' is not a number: 'lots'" },
		});
	});

	it('JSON mode: one object or an array of {properties}', () => {
		const built = buildJsonCreateInputs(1, 10, [
			{ properties: { hs_goal_name: 'A' } },
			{ properties: { hs_goal_name: 'B' }, objectWriteTraceId: 'mine' },
			7,
		]);
		expect(built).toMatchObject([
			{ seq: 10, input: { properties: { hs_goal_name: 'A' }, objectWriteTraceId: 'n8n-10' } },
			{ seq: 11, input: { objectWriteTraceId: 'mine' } },
			{
				seq: 12,
				error: {
					message:
						"Item 1, input 2: 'inputsJson' must be an object {properties, objectWriteTraceId?} or an array of them",
				},
			},
		]);
	});
});

describe('update inputs', () => {
	it('by record id (no idProperty in the input), or by a unique property', () => {
		expect(
			buildUpdateInput(
				{ itemIndex: 0, seq: 0 },
				{ id: 123, idProperty: '', properties: { hs_goal_name: 'A' } },
				'idValue',
				schema,
			),
		).toMatchObject({
			input: { id: '123', properties: { hs_goal_name: 'A' }, objectWriteTraceId: 'n8n-0' },
		});
		const byKey = buildUpdateInput(
			{ itemIndex: 0, seq: 0 },
			{ id: 'k-1', idProperty: 'external_goal_key', properties: {} },
			'idValue',
			schema,
		);
		expect(byKey).toMatchObject({ input: { id: 'k-1', idProperty: 'external_goal_key' } });
		// hs_object_id is the record id.
		expect(
			buildUpdateInput(
				{ itemIndex: 0, seq: 0 },
				{ id: '9', idProperty: 'hs_object_id', properties: {} },
				'idValue',
				schema,
			),
		).not.toHaveProperty('input.idProperty');
	});

	it.each([
		[
			{ id: 'k-1', idProperty: '' },
			"Item 5: 'idValue' 'k-1' is not a HubSpot record id (digits only); to use another property's values, set ID Property",
		],
		[{ id: '', idProperty: '' }, "Item 5: 'idValue' is empty"],
		[
			{ id: 'k-1', idProperty: 'hs_goal_name' },
			"Item 5: 'idProperty' 'hs_goal_name' is not a property with unique values: leave it empty to update by record ID",
		],
	])('refuses %p', (parts, message) => {
		expect(
			buildUpdateInput({ itemIndex: 5, seq: 5 }, { ...parts, properties: {} }, 'idValue', schema),
		).toMatchObject({ error: { message } });
	});

	it("JSON mode: an input's own idProperty wins over the node's", () => {
		const built = buildJsonUpdateInputs(
			0,
			0,
			'[{"id":"k-1","idProperty":"external_goal_key","properties":{}},{"id":"77","properties":{}}]',
			'',
			schema,
		);
		expect(built).toMatchObject([
			{ input: { id: 'k-1', idProperty: 'external_goal_key' } },
			{ input: { id: '77' } },
		]);
	});
});
