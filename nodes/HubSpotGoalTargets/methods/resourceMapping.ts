import type { ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';

import { propertyMapperFields } from '../helpers/propertySchema';
import { fetchGoalTargetProperties } from './goalTargetProperties';

export async function getPropertyColumns(
	this: ILoadOptionsFunctions,
): Promise<ResourceMapperFields> {
	const fields = propertyMapperFields(await fetchGoalTargetProperties(this));
	return {
		fields,
		emptyFieldsNotice:
			fields.length === 0 ? 'This account has no writable goal target properties' : undefined,
	};
}
