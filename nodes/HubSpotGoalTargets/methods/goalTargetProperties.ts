import type { ILoadOptionsFunctions } from 'n8n-workflow';

import type { HubSpotProperty } from '../helpers/propertySchema';
import { apiVersionOf, propertiesPath } from '../transport/apiVersion';
import { baseUrlOf, credentialTypeOf } from '../transport/credential';
import { readPropertyPages } from '../transport/propertyPages';
import { hubSpotApiRequestJson } from '../transport/requestJson';

/** Every goal target property of the account, for the editor's lists (one request per page, no retries). */
export async function fetchGoalTargetProperties(
	context: ILoadOptionsFunctions,
	pageSize = 100,
): Promise<HubSpotProperty[]> {
	const credentialType = credentialTypeOf(context);
	const baseUrl = await baseUrlOf(context, credentialType);
	const path = propertiesPath(apiVersionOf(context));
	return await readPropertyPages(
		async (qs) =>
			await hubSpotApiRequestJson(context, { method: 'GET', credentialType, baseUrl, path, qs }),
		pageSize,
	);
}
