import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import {
	BASE_URL_PROPERTY,
	checkBaseUrl,
	CREDENTIAL_TEST,
} from '../nodes/HubSpotGoalTargets/transport/baseUrl';

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
		BASE_URL_PROPERTY,
	];

	/**
	 * The token as a Bearer header, only when the Base URL is one it may go to: this also stops
	 * the credential test before it sends anything to a host the node would refuse.
	 */
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const checked = checkBaseUrl(credentials.baseUrl);
		if (!checked.ok) throw new Error(checked.message);
		return {
			...requestOptions,
			headers: {
				...(requestOptions.headers ?? {}),
				Authorization: `Bearer ${String(credentials.accessToken ?? '')}`,
			},
		};
	};

	test: ICredentialTestRequest = CREDENTIAL_TEST;
}
