/** HubSpot's own client, `@hubspot/api-client` with its default limiter, upserting the same rows. */
import { Client } from '@hubspot/api-client';
import { DEFAULT_LIMITER_OPTIONS } from '@hubspot/api-client/lib/src/configuration/constants';

import { expectedProperties, ID_PROPERTY, type Row } from '../testkit/workload';

export const CLIENT_LABEL = '@hubspot/api-client (limiter, 6 tries)';
export const CLIENT_SETUP =
	'@hubspot/api-client 13.4, DEFAULT_LIMITER_OPTIONS (9 per second, 6 at once), numberOfApiCallRetries 6';

/** All rows in upserts of 100, handed to the client at once: its limiter paces them. */
export async function runClient(
	sandbox: { url: string; token: string },
	rows: Row[],
): Promise<{ seconds: number; failedRequests: number }> {
	const client = new Client({
		accessToken: sandbox.token,
		basePath: sandbox.url,
		limiterOptions: DEFAULT_LIMITER_OPTIONS,
		numberOfApiCallRetries: 6,
	});
	const inputs = rows.map((row) => ({
		id: row.key,
		idProperty: ID_PROPERTY,
		properties: expectedProperties(row),
	}));
	const chunks: Array<typeof inputs> = [];
	for (let i = 0; i < inputs.length; i += 100) chunks.push(inputs.slice(i, i + 100));
	const started = Date.now();
	const settled = await Promise.allSettled(
		chunks.map((chunk) => client.crm.objects.goals.batchApi.upsert({ inputs: chunk })),
	);
	return {
		seconds: (Date.now() - started) / 1000,
		failedRequests: settled.filter((s) => s.status === 'rejected').length,
	};
}
