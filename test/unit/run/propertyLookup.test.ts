/**
 * The property lookup behind value checks and Write Mode goes through the run's sender like every
 * other request of the run: the run's credential and Base URL, paced, and retried after an outage
 * (it used to take a pacer slot by hand and give up at the first 503).
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { readPropertyLookup } from '../../../nodes/HubSpotGoalTargets/run/propertyLookup';
import { createRunContext } from '../../../nodes/HubSpotGoalTargets/run/runContext';

interface Call {
	credentialType: string;
	url: string;
	qs: unknown;
}

/** An execution whose request helper gives `answers` in turn (a number: that HTTP status, thrown as n8n's helper does). */
function execution(answers: Array<number | object>): { node: IExecuteFunctions; calls: Call[] } {
	const calls: Call[] = [];
	const parameters: Record<string, unknown> = {
		authentication: 'accessToken',
		apiVersion: '2026-03',
	};
	const node = {
		getNodeParameter: (name: string) => parameters[name],
		getNode: () => ({ name: 'HubSpot Goal Targets', credentials: {} }),
		getCredentials: async () => ({
			accessToken: 'secret',
			baseUrl: 'https://eu1.api.example.test/',
		}),
		getExecutionCancelSignal: () => undefined,
		logger: { debug: () => undefined, warn: () => undefined },
		helpers: {
			httpRequestWithAuthentication: async (
				credentialType: string,
				options: { url: string; qs?: unknown },
			) => {
				calls.push({ credentialType, url: options.url, qs: options.qs });
				const answer = answers[Math.min(calls.length - 1, answers.length - 1)];
				if (typeof answer === 'number') {
					throw Object.assign(new Error(`HTTP ${answer}`), {
						response: {
							status: answer,
							data: { status: 'error', message: `status ${answer}` },
							headers: {},
						},
					});
				}
				return { statusCode: 200, body: answer, headers: {} };
			},
		},
	} as unknown as IExecuteFunctions;
	return { node, calls };
}

const properties = {
	results: [
		{ name: 'hs_goal_name', type: 'string' },
		{ name: 'external_goal_key', type: 'string', hasUniqueValue: true },
	],
};

const sending = { maxRetries: 2, maxConcurrency: 8, isolateFailures: true, timeoutMs: 5000 };

describe('the run property lookup', () => {
	it('is retried after a 503 like any request of the run, then reads the properties', async () => {
		const { node, calls } = execution([503, properties]);
		const read = await readPropertyLookup(await createRunContext(node, sending));

		expect(read.ok && [...read.lookup.keys()]).toEqual(['hs_goal_name', 'external_goal_key']);
		expect(calls).toHaveLength(2);
		for (const call of calls) {
			expect(call).toEqual({
				credentialType: 'hubSpotGoalTargetsTokenApi',
				url: 'https://eu1.api.example.test/crm/properties/2026-03/goal_targets',
				qs: { archived: false, limit: 100 },
			});
		}
	});

	it("gives up after the run's Max Retries, saying why", async () => {
		const { node, calls } = execution([503]);
		const read = await readPropertyLookup(await createRunContext(node, sending));

		expect(calls).toHaveLength(3);
		expect(read).toEqual({ ok: false, reason: 'status 503 (gave up after 2 retries)' });
	});

	it('is not retried when HubSpot refuses the token', async () => {
		const { node, calls } = execution([401, properties]);
		const read = await readPropertyLookup(await createRunContext(node, sending));

		expect(calls).toHaveLength(1);
		expect(read).toEqual({ ok: false, reason: 'status 401' });
	});

	it('follows the pages HubSpot gives', async () => {
		const { node, calls } = execution([
			{ results: [{ name: 'a' }], paging: { next: { after: 'p2' } } },
			{ results: [{ name: 'b' }] },
		]);
		const read = await readPropertyLookup(await createRunContext(node, sending));

		expect(read.ok && [...read.lookup.keys()]).toEqual(['a', 'b']);
		expect(calls.map((call) => call.qs)).toEqual([
			{ archived: false, limit: 100 },
			{ archived: false, limit: 100, after: 'p2' },
		]);
	});
});
