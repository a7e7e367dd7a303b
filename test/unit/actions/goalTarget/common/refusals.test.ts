import {
	inputsNamedByRejection,
	nonUniqueIdProperty,
	refusedRequestFields,
} from '../../../../../nodes/HubSpotGoalTargets/actions/goalTarget/common/refusals';
import {
	buildFieldsInput,
	type UpsertInput,
} from '../../../../../nodes/HubSpotGoalTargets/actions/goalTarget/batchUpsert/batchUpsert.input';
import {
	isInputProblem,
	type PreparedInput,
} from '../../../../../nodes/HubSpotGoalTargets/engine/types';

/** Inputs built as the node builds them with value checks off: one carries `extra`, the others not. */
function inputsWith(extra: string): Array<PreparedInput<UpsertInput>> {
	return [0, 1, 2].map((i) => {
		// JSON.parse makes every key an own key, "__proto__" included, as an item's JSON has it.
		const more = i === 1 ? `, ${JSON.stringify(extra)}: "x"` : '';
		const properties: Record<string, unknown> = JSON.parse(`{"hs_goal_name": "Goal ${i}"${more}}`);
		const built = buildFieldsInput(i, i, {
			idProperty: 'external_goal_key',
			idValue: `k-${i}`,
			properties,
		});
		if (isInputProblem(built)) throw new Error(built.error.message);
		return built;
	});
}

const doesNotExist = (name: string) => ({
	status: 'error',
	category: 'VALIDATION_ERROR',
	message: `Property values were not valid: [{"isValid":false,"message":"Property \\"${name}\\" does not exist","error":"PROPERTY_DOESNT_EXIST","name":"${name}"}]`,
	errors: [
		{
			message: `Property "${name}" does not exist`,
			code: 'PROPERTY_DOESNT_EXIST',
			context: { propertyName: [name] },
		},
	],
});

describe('inputsNamedByRejection looks property names up as own keys', () => {
	it.each(['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'])(
		'a refusal of the unknown property %p names only the input that carries it',
		(name) => {
			const inputs = inputsWith(name);
			expect(inputsNamedByRejection(inputs, doesNotExist(name)).map((p) => p.seq)).toEqual([1]);
		},
	);
});

describe('request-level refusals', () => {
	it('nonUniqueIdProperty reads the property from the message or from errors[]', () => {
		const message = 'Unable to perform update/upsert by non-unique 0-74 property hs_goal_name.';
		expect(nonUniqueIdProperty({ message })).toBe('hs_goal_name');
		expect(nonUniqueIdProperty({ message: 'Invalid input', errors: [{ message }] })).toBe(
			'hs_goal_name',
		);
		expect(nonUniqueIdProperty({ message: 'Property values were not valid' })).toBeUndefined();
		expect(nonUniqueIdProperty('non-unique 0-74 property x')).toBeUndefined();
	});

	it('refusedRequestFields names the request fields errors[].in names, not fields of inputs', () => {
		const body = (...where: string[]) => ({
			errors: where.map((w) => ({ message: 'bad', in: w })),
		});
		const fields = ['idProperty', 'properties', 'archived'];
		expect(refusedRequestFields(body('properties[2]', 'archived'), fields)).toEqual([
			'properties',
			'archived',
		]);
		expect(refusedRequestFields(body('propertiesWithHistory'), fields)).toEqual([]);
		expect(refusedRequestFields(body('inputs[3].properties.x', 'inputs[0].id'), fields)).toEqual(
			[],
		);
		expect(refusedRequestFields({ errors: [null, 'x'] }, fields)).toEqual([]);
	});
});
