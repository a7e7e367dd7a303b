import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { propertyNameOptions, uniquePropertyOptions } from '../helpers/propertySchema';
import { fetchGoalTargetProperties } from './goalTargetProperties';

export async function getUniqueProperties(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const options = uniquePropertyOptions(await fetchGoalTargetProperties(this));
	if (options.length > 0) return options;
	return [
		{
			name: 'No Property With Unique Values in This Account: Create One in HubSpot First',
			value: '',
			description:
				'In HubSpot, Settings > Properties > Goal target properties: create a property with "Require unique values" turned on',
		},
	];
}

/** Every goal target property of the account: for Properties to Return, search filters and sorting. */
export async function getPropertyNames(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return propertyNameOptions(await fetchGoalTargetProperties(this));
}

/** ID Property where it is optional: HubSpot's record id (the empty value), then the account's unique properties. */
export async function getIdProperties(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const unique = uniquePropertyOptions(await fetchGoalTargetProperties(this));
	return [
		{
			name: 'Record ID',
			value: '',
			description: "HubSpot's own ID of the goal target (hs_object_id)",
		},
		...unique,
	];
}
