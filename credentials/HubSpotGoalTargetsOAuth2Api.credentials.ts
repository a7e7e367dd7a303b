import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { BASE_URL_PROPERTY, CREDENTIAL_TEST } from '../nodes/HubSpotGoalTargets/transport/baseUrl';

const SCOPES = ['crm.objects.goals.read', 'crm.objects.goals.write', 'oauth'];

export class HubSpotGoalTargetsOAuth2Api implements ICredentialType {
	name = 'hubSpotGoalTargetsOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'HubSpot Goal Targets OAuth2 API';

	icon = { light: 'file:hubspot.svg', dark: 'file:hubspot.dark.svg' } as const;

	documentationUrl = 'https://developers.hubspot.com/docs/api/oauth-quickstart-guide';

	properties: INodeProperties[] = [
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: 'https://app.hubspot.com/oauth/authorize',
			required: true,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: 'https://api.hubapi.com/oauth/v1/token',
			required: true,
		},
		{ displayName: 'Scope', name: 'scope', type: 'hidden', default: SCOPES.join(' ') },
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'body' },
		BASE_URL_PROPERTY,
	];

	// n8n signs OAuth2 requests itself (no authenticate hook): a refused Base URL gets an address
	// the request helper will not connect to, so the test sends the token nowhere.
	test: ICredentialTestRequest = CREDENTIAL_TEST;
}
