import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
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
		subtitle: goalTarget.subtitle,
		description:
			'Create, update, get and delete many HubSpot goal targets at once; accepted inputs leave on Success, refused ones on Error',
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
				displayName: 'API Version',
				name: 'apiVersion',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'V3',
						value: 'v3',
						description: "HubSpot's /crm/v3/ paths; unsupported after September 2027",
					},
					{
						name: '2026-03',
						value: '2026-03',
						description: 'Date-versioned paths /crm/objects/2026-03/…',
					},
					{
						name: '2026-09',
						value: '2026-09',
						description: 'Date-versioned paths /crm/objects/2026-09/…',
					},
				],
				default: 'v3',
				description:
					"Which of HubSpot's API versions the node calls. Every request (and the property lists in the editor) uses its paths.",
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
