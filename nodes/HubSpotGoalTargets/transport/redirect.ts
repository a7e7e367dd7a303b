import type { HttpAttempt } from './httpAttempt';

/**
 * A redirect, not followed: a configuration error naming where it pointed (its host only: a
 * Location may carry more than that).
 */
export function redirectRefusal(
	baseUrl: string,
	statusCode: number,
	headers: Record<string, string>,
): HttpAttempt {
	let target = 'a location it did not say';
	const location = headers.location;
	if (location) {
		try {
			target = new URL(location, `${baseUrl}/`).host || target;
		} catch {
			target = 'an unreadable location';
		}
	}
	const { location: _location, ...rest } = headers;
	return {
		kind: 'response',
		statusCode,
		headers: rest,
		body: {
			status: 'error',
			category: 'CONFIGURATION_ERROR',
			message:
				`The Base URL ${baseUrl} answered HTTP ${statusCode}, a redirect to ${target}. The node follows no redirects, ` +
				`so nothing was sent there: set the credential's Base URL to the host that serves HubSpot's API (https://api.hubapi.com unless HubSpot says otherwise).`,
		},
	};
}
