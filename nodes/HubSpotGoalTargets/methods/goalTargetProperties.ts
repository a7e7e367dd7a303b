import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import { asProperties, type HubSpotProperty } from '../helpers/propertySchema';
import { baseUrlOf, credentialTypeOf } from '../transport/credential';
import { hubSpotApiRequestJson } from '../transport/requestJson';
import { apiVersionOf, propertiesPath } from '../transport/apiVersion';

/** Every goal target property of the account, following `paging.next.after` when HubSpot pages. */
export async function fetchGoalTargetProperties(
	context: ILoadOptionsFunctions | IExecuteFunctions,
	pageSize = 100,
	onHeaders?: (headers: Record<string, string>) => void,
): Promise<HubSpotProperty[]> {
	const credentialType = credentialTypeOf(context);
	const baseUrl = await baseUrlOf(context, credentialType);
	const path = propertiesPath(apiVersionOf(context));
	const properties: HubSpotProperty[] = [];
	let after: string | undefined;
	// Bounded: a portal has hundreds of properties at most.
	for (let page = 0; page < 50; page++) {
		const qs: IDataObject = { archived: false, limit: pageSize };
		if (after) qs.after = after;
		const body = await hubSpotApiRequestJson(
			context,
			{ method: 'GET', credentialType, baseUrl, path, qs },
			onHeaders,
		);
		properties.push(...asProperties(body.results));
		const next = ((body.paging as IDataObject | undefined)?.next as IDataObject | undefined)?.after;
		if (typeof next !== 'string' || next === '' || next === after) break;
		after = next;
	}
	return properties;
}
