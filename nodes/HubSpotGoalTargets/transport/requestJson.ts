import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, type JsonObject } from 'n8n-workflow';

import type { HubSpotContext } from './credential';
import { hubSpotApiError, requestErrorDetails } from './errors';
import { hubSpotApiRequest, type HubSpotRequest } from './request';

/** A request whose answer must be 2xx JSON (property listing, for the editor); otherwise a clear NodeApiError. */
export async function hubSpotApiRequestJson(
	context: HubSpotContext,
	request: HubSpotRequest,
): Promise<IDataObject> {
	const attempt = await hubSpotApiRequest(context, request);
	if (attempt.kind === 'network' && attempt.tls) {
		throw new NodeOperationError(context.getNode(), attempt.message);
	}
	if (attempt.kind === 'tooLarge') {
		throw new NodeOperationError(
			context.getNode(),
			`The answer of ${request.baseUrl} (HTTP ${attempt.statusCode}) was larger than ${attempt.limit}, more than any HubSpot answer can be: the node stopped reading it.`,
		);
	}
	if (attempt.kind === 'network') {
		throw new NodeApiError(
			context.getNode(),
			{ message: attempt.message, code: attempt.code } as JsonObject,
			{
				message: `Could not reach HubSpot at ${request.baseUrl}: ${attempt.message}`,
			},
		);
	}
	if (
		attempt.statusCode >= 200 &&
		attempt.statusCode < 300 &&
		typeof attempt.body === 'object' &&
		attempt.body !== null
	) {
		return attempt.body as IDataObject;
	}
	throw hubSpotApiError(context.getNode(), requestErrorDetails(attempt.statusCode, attempt.body));
}
