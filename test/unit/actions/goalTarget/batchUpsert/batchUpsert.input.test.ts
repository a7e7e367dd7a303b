import {
	buildFieldsInput,
	buildJsonInputs,
	type UpsertInput,
} from '../../../../../nodes/HubSpotGoalTargets/actions/goalTarget/batchUpsert/batchUpsert.input';
import {
	generatedTraceId,
	MAX_VALUE_LENGTH,
} from '../../../../../nodes/HubSpotGoalTargets/actions/goalTarget/common/writeInput';
import type { HubSpotProperty } from '../../../../../nodes/HubSpotGoalTargets/helpers/propertySchema';
import type {
	BuiltInput,
	InputProblem,
	PreparedInput,
} from '../../../../../nodes/HubSpotGoalTargets/engine/types';
import { isInputProblem } from '../../../../../nodes/HubSpotGoalTargets/engine/types';

function prepared(built: BuiltInput<UpsertInput>): PreparedInput<UpsertInput> {
	if (isInputProblem(built)) throw new Error(`expected an input, got: ${built.error.message}`);
	return built;
}

function refused(built: BuiltInput<UpsertInput>): InputProblem {
	if (!isInputProblem(built)) throw new Error('expected a problem');
	return built;
}

describe('buildFieldsInput', () => {
	it('builds HubSpot input with string values and a generated trace id', () => {
		const built = prepared(
			buildFieldsInput(3, 7, {
				idProperty: 'external_goal_key',
				idValue: ' K-1 ',
				properties: { hs_goal_name: 'Q1', hs_target_amount: 1000, flag: true, cleared: null },
			}),
		);
		expect(built).toEqual({
			seq: 7,
			itemIndex: 3,
			input: {
				id: 'K-1',
				idProperty: 'external_goal_key',
				properties: { hs_goal_name: 'Q1', hs_target_amount: '1000', flag: 'true', cleared: '' },
				objectWriteTraceId: generatedTraceId(7),
			},
		});
	});

	it('keeps a trace id the user gave', () => {
		const built = prepared(
			buildFieldsInput(0, 0, {
				idProperty: 'k',
				idValue: 5,
				properties: {},
				objectWriteTraceId: 'mine-1',
			}),
		);
		expect(built.input.objectWriteTraceId).toBe('mine-1');
		expect(built.input.id).toBe('5');
	});

	it.each([
		[{ idProperty: 'k', idValue: '', properties: {} }, 'idValue', /Item 4: 'idValue' is empty/],
		[{ idProperty: 'k', idValue: '   ', properties: {} }, 'idValue', /is empty/],
		[{ idProperty: 'k', idValue: undefined, properties: {} }, 'idValue', /is missing/],
		[{ idProperty: 'k', idValue: { a: 1 }, properties: {} }, 'idValue', /not text or a number/],
		[
			{ idProperty: '', idValue: 'x', properties: {} },
			'idProperty',
			/Item 4: 'idProperty' is missing or empty/,
		],
		[{ idProperty: undefined, idValue: 'x', properties: {} }, 'idProperty', /missing or empty/],
		[{ idProperty: 'hs_object_id', idValue: 'x', properties: {} }, 'idProperty', /does not accept/],
		[{ idProperty: 'k', idValue: 'x', properties: 'name=1' }, 'properties', /must be an object/],
		[{ idProperty: 'k', idValue: 'x', properties: [1] }, 'properties', /must be an object/],
		[
			{ idProperty: 'k', idValue: 'x', properties: { a: { b: 1 } } },
			'properties.a',
			/'properties.a' is an object/,
		],
		[{ idProperty: 'k', idValue: 'x', properties: { a: [1] } }, 'properties.a', /is an array/],
	])('refuses %p naming the item and the field', (values, field, message) => {
		const problem = refused(buildFieldsInput(4, 0, values));
		expect(problem.itemIndex).toBe(4);
		expect(problem.error.field).toBe(field);
		expect(problem.error.message).toMatch(message);
	});
});

describe('buildJsonInputs', () => {
	it('takes one object in HubSpot shape, with the node idProperty as default', () => {
		const [built] = buildJsonInputs(2, 10, { id: 'a', properties: { x: 1 } }, 'external_goal_key');
		expect(prepared(built).input).toEqual({
			id: 'a',
			idProperty: 'external_goal_key',
			properties: { x: '1' },
			objectWriteTraceId: 'n8n-10',
		});
	});

	it('parses JSON text and takes an array; an input idProperty wins', () => {
		const built = buildJsonInputs(
			1,
			5,
			JSON.stringify([
				{ id: 'a', properties: {} },
				{ id: 'b', idProperty: 'goal_sync_id', properties: {} },
			]),
			'external_goal_key',
		).map(prepared);
		expect(built.map((b) => [b.seq, b.itemIndex, b.input.idProperty])).toEqual([
			[5, 1, 'external_goal_key'],
			[6, 1, 'goal_sync_id'],
		]);
	});

	it('names the item and the input within the array', () => {
		const built = buildJsonInputs(
			3,
			0,
			[
				{ id: 'a', properties: {} },
				{ id: '', properties: {} },
			],
			'k',
		);
		expect(isInputProblem(built[0])).toBe(false);
		expect(refused(built[1]).error.message).toBe("Item 3, input 1: 'id' is empty");
	});

	it.each([
		['{"id": "a", ', 'k', /Item 0: 'inputsJson' is not valid JSON/],
		['[]', 'k', /empty array/],
		['"text"', 'k', /must be an object/],
		['{"id":"a","properties":{"x":{"y":1}}}', 'k', /'properties.x' is an object/],
		['{"id":"a","properties":{}}', '', /'idProperty' is missing/],
		['{"id":"a","idProperty":" ","properties":{}}', '', /'idProperty' is missing/],
	])('refuses %s', (text, idProperty, message) => {
		const built = buildJsonInputs(0, 0, text, idProperty);
		expect(built).toHaveLength(1);
		expect(refused(built[0]).error.message).toMatch(message);
	});
});

describe('property names are own keys', () => {
	it.each(['toString', 'constructor', '__proto__'])(
		'sends %p as an ordinary property name when values are not checked',
		(name) => {
			const [built] = buildJsonInputs(
				0,
				0,
				`{"id": "a", "properties": {${JSON.stringify(name)}: "x", "hs_goal_name": "Q1"}}`,
				'k',
			);
			const { properties } = prepared(built).input;
			expect(Object.keys(properties)).toEqual([name, 'hs_goal_name']);
			expect(JSON.parse(JSON.stringify(properties))).toEqual(
				JSON.parse(`{${JSON.stringify(name)}: "x", "hs_goal_name": "Q1"}`),
			);
			expect(Object.getPrototypeOf(properties)).toBe(Object.prototype);
		},
	);

	it.each(['toString', 'constructor', '__proto__'])(
		'refuses %p as unknown when values are checked',
		(name) => {
			const schema = new Map<string, HubSpotProperty>([
				['k', { name: 'k', hasUniqueValue: true, type: 'string' }],
			]);
			const [built] = buildJsonInputs(
				2,
				0,
				`{"id": "a", "properties": {${JSON.stringify(name)}: "x"}}`,
				'k',
				schema,
			);
			expect(refused(built).error).toMatchObject({
				field: `properties.${name}`,
				message: `Item 2: 'properties.${name}' is not a goal target property in this HubSpot account`,
			});
		},
	);
});

describe("HubSpot's limit of 65,536 characters per value", () => {
	it('takes a value of exactly 65,536 characters', () => {
		const built = buildFieldsInput(0, 0, {
			idProperty: 'k',
			idValue: 'a',
			properties: { notes: 'x'.repeat(MAX_VALUE_LENGTH) },
		});
		expect(prepared(built).input.properties.notes).toHaveLength(65_536);
	});

	it('refuses a longer value before sending, naming the item and the field', () => {
		const built = buildFieldsInput(7, 0, {
			idProperty: 'k',
			idValue: 'a',
			properties: { hs_goal_name: 'Q1', notes: 'x'.repeat(65_537) },
		});
		expect(refused(built).error).toEqual({
			message: "Item 7: 'properties.notes' is 65,537 characters long; HubSpot takes at most 65,536",
			field: 'properties.notes',
			category: 'INVALID_INPUT',
		});
	});

	it('checks the id value too', () => {
		expect(
			refused(
				buildFieldsInput(1, 0, { idProperty: 'k', idValue: 'i'.repeat(70_000), properties: {} }),
			).error.message,
		).toBe("Item 1: 'idValue' is 70,000 characters long; HubSpot takes at most 65,536");
	});
});
