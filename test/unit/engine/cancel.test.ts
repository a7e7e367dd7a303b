import {
	abortable,
	cancelledDetails,
	ExecutionCancelledError,
} from '../../../nodes/HubSpotGoalTargets/engine/cancel';
import { RateLimitPacer } from '../../../nodes/HubSpotGoalTargets/engine/pacer';
import { hubSpotApiRequest } from '../../../nodes/HubSpotGoalTargets/transport/request';
import { FakeClock } from '../../../testkit/fakes';

describe("the execution's cancel signal", () => {
	it('ends a wait at once, and a wait started after the abort never starts', async () => {
		const controller = new AbortController();
		const never = new Promise<void>(() => {});
		const waiting = abortable(never, controller.signal);
		controller.abort();
		await expect(waiting).rejects.toBeInstanceOf(ExecutionCancelledError);
		await expect(abortable(Promise.resolve(1), controller.signal)).rejects.toBeInstanceOf(
			ExecutionCancelledError,
		);
		await expect(abortable(Promise.resolve(2), undefined)).resolves.toBe(2);
	});

	it("ends the pacer's wait for the window", async () => {
		const clock = new FakeClock();
		const pacer = new RateLimitPacer(clock, { max: 1, intervalMs: 10_000 });
		const controller = new AbortController();
		(await pacer.acquire(controller.signal))();
		const second = pacer.acquire(controller.signal);
		controller.abort();
		await expect(second).rejects.toBeInstanceOf(ExecutionCancelledError);
		expect(clock.t).toBe(0);
	});

	it("is passed to n8n's request helper, which aborts the request in flight", async () => {
		const controller = new AbortController();
		const seen: Array<{ abortSignal?: AbortSignal }> = [];
		const context = {
			getNodeParameter: () => 'accessToken',
			getNode: () => ({ name: 'HubSpot Goal Targets' }),
			helpers: {
				// Like axios: the request ends when its signal aborts.
				httpRequestWithAuthentication: async (
					_type: string,
					options: { abortSignal?: AbortSignal },
				) => {
					seen.push(options);
					return await new Promise((_resolve, reject) =>
						options.abortSignal?.addEventListener('abort', () =>
							reject(Object.assign(new Error('canceled'), { code: 'ERR_CANCELED' })),
						),
					);
				},
			},
		} as unknown as Parameters<typeof hubSpotApiRequest>[0];
		const request = hubSpotApiRequest(context, {
			method: 'POST',
			credentialType: 'hubSpotGoalTargetsTokenApi',
			baseUrl: 'https://api.hubapi.com',
			path: '/x',
			abortSignal: controller.signal,
		});
		expect(seen[0].abortSignal?.aborted).toBe(false);
		controller.abort();
		// A cancel, not an answer and not a timeout: n8n's error, passed on.
		await expect(request).rejects.toThrow();
		expect(seen[0].abortSignal?.aborted).toBe(true);
	});

	it('says "Not sent" for what never went, and "may have been written" for a write in flight', () => {
		expect(cancelledDetails(false, {})).toEqual({
			message: 'Not sent: the execution was cancelled',
			category: 'CANCELLED',
		});
		expect(cancelledDetails(true, { lostAnswerMeans: 'may have been created' })).toMatchObject({
			category: 'UNKNOWN_OUTCOME',
			message: expect.stringContaining('may have been created'),
		});
	});
});
