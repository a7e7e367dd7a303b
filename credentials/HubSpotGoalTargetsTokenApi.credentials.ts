import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

export class HubSpotGoalTargetsTokenApi implements ICredentialType {
	name = 'hubSpotGoalTargetsTokenApi';

	displayName = 'HubSpot Goal Targets Access Token API';

	icon = { light: 'file:hubspot.svg', dark: 'file:hubspot.dark.svg' } as const;

	documentationUrl = 'https://developers.hubspot.com/docs/api/private-apps';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'The access token of a HubSpot private app or service key with the scopes crm.objects.goals.read and crm.objects.goals.write',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.hubapi.com',
			description: "HubSpot's API host. Change it only for a regional host or a local sandbox.",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ ($credentials.baseUrl || "https://api.hubapi.com").replace(/\\/+$/, "") }}',
			url: '/crm/v3/objects/goal_targets',
			qs: { limit: 1 },
		},
	};
}
