import type { IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

/** The goal target paths of the API version the node uses. */
export function goalTargetPaths(_context: IExecuteFunctions | ILoadOptionsFunctions): { objects: string; search: string } {
	return { objects: '/crm/v3/objects/goal_targets', search: '/crm/v3/objects/goal_targets/search' };
}
