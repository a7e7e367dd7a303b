import {
	isWritable,
	propertyMapperFields,
	uniquePropertyOptions,
	type HubSpotProperty,
} from '../../../nodes/HubSpotGoalTargets/helpers/propertySchema';

const properties: HubSpotProperty[] = [
	{ name: 'hs_goal_name', label: 'Goal name', type: 'string', fieldType: 'text' },
	{ name: 'hs_target_amount', label: 'Target amount', type: 'number', fieldType: 'number' },
	{ name: 'goal_is_stretch', label: 'Stretch', type: 'bool', fieldType: 'booleancheckbox' },
	{
		name: 'hs_milestone',
		label: 'Milestone',
		type: 'enumeration',
		fieldType: 'select',
		options: [
			{ label: 'Monthly', value: 'monthly' },
			{ label: 'Hidden', value: 'hidden', hidden: true },
		],
	},
	{ name: 'goal_review_date', label: 'Review', type: 'date', fieldType: 'date' },
	{ name: 'hs_start_datetime', label: 'Start', type: 'datetime', fieldType: 'date' },
	{ name: 'external_goal_key', label: 'External goal key', type: 'string', hasUniqueValue: true },
	{
		name: 'hs_object_id',
		label: 'Record ID',
		type: 'number',
		hasUniqueValue: true,
		modificationMetadata: { readOnlyValue: true },
	},
	{ name: 'hs_kpi_value', type: 'number', calculated: true },
	{ name: 'hs_legacy', type: 'string', hidden: true },
	{ name: 'old_unique', type: 'string', archived: true, hasUniqueValue: true },
];

describe('property schema', () => {
	it('lists the unique, not archived properties for the idProperty dropdown', () => {
		expect(uniquePropertyOptions(properties).map((o) => o.value)).toEqual([
			'external_goal_key',
			'hs_object_id',
		]);
	});

	it('leaves read-only, calculated, hidden and archived properties out of the mapper', () => {
		const ids = propertyMapperFields(properties).map((f) => f.id);
		expect(ids).not.toEqual(expect.arrayContaining(['hs_object_id']));
		for (const left of ['hs_object_id', 'hs_kpi_value', 'hs_legacy', 'old_unique'])
			expect(ids).not.toContain(left);
		expect(properties.filter(isWritable)).toHaveLength(7);
	});

	it('maps HubSpot types to the mapper types, with the visible enumeration options', () => {
		const fields = Object.fromEntries(propertyMapperFields(properties).map((f) => [f.id, f]));
		expect(fields.hs_goal_name.type).toBe('string');
		expect(fields.hs_target_amount.type).toBe('number');
		expect(fields.goal_is_stretch.type).toBe('boolean');
		expect(fields.goal_review_date.type).toBe('dateTime');
		expect(fields.hs_start_datetime.type).toBe('dateTime');
		expect(fields.hs_milestone).toMatchObject({
			type: 'options',
			options: [{ name: 'Monthly', value: 'monthly' }],
		});
		expect(fields.hs_goal_name.displayName).toBe('Goal name (hs_goal_name)');
	});
});
