import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as goalTarget from './actions/goalTarget/GoalTarget.resource';
import { router } from './actions/router';
import { loadOptions, resourceMapping } from './methods';

export class HubSpotGoalTargets implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HubSpot Goal Targets',
		name: 'hubSpotGoalTargets',
		icon: { light: 'file:hubspot.svg', dark: 'file:hubspot.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ { batchUpsert: "Batch Upsert" }[$parameter["operation"]] ?? $parameter["operation"] }}',
		description: 'Create or update many HubSpot goal targets at once; accepted records leave on Success, refused ones on Error',
		defaults: { name: 'HubSpot Goal Targets' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Success', 'Error'],
		credentials: [
			{
				name: 'hubSpotGoalTargetsTokenApi',
				required: true,
				displayOptions: { show: { authentication: ['accessToken'] } },
			},
			{
				name: 'hubSpotGoalTargetsOAuth2Api',
				required: true,
				displayOptions: { show: { authentication: ['oAuth2'] } },
			},
		],
		properties: [
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{ name: 'Access Token (Private App or Service Key)', value: 'accessToken' },
					{ name: 'OAuth2', value: 'oAuth2' },
				],
				default: 'accessToken',
			},
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Goal Target', value: 'goalTarget' }],
				default: 'goalTarget',
			},
			...goalTarget.description,
		],
	};

	methods = { loadOptions, resourceMapping };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
