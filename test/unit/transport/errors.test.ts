import {
	missingScopes,
	readablePropertyMessage,
	requestErrorDetails,
} from '../../../nodes/HubSpotGoalTargets/transport/errors';

describe('requestErrorDetails', () => {
	it('keeps HubSpot message, category and correlation id and adds nested messages', () => {
		const details = requestErrorDetails(400, {
			status: 'error',
			message: 'Property values were not valid',
			correlationId: 'c-1',
			category: 'VALIDATION_ERROR',
			errors: [
				{
					message: 'Property "nope" does not exist',
					code: 'PROPERTY_DOESNT_EXIST',
					context: { propertyName: ['nope'] },
				},
			],
		});
		expect(details).toMatchObject({
			message: 'Property values were not valid (Property "nope" does not exist)',
			httpCode: '400',
			category: 'VALIDATION_ERROR',
			correlationId: 'c-1',
		});
	});

	it('names the missing scopes of a 403', () => {
		const body = {
			status: 'error',
			message: "This app hasn't been granted all required scopes to make this call.",
			category: 'MISSING_SCOPES',
			errors: [
				{
					message: 'One or more of the following scopes are required.',
					context: { requiredGranularScopes: ['crm.objects.goals.write'] },
				},
			],
		};
		expect(missingScopes(body)).toEqual(['crm.objects.goals.write']);
		expect(requestErrorDetails(403, body).message).toMatch(
			/Missing scopes: crm\.objects\.goals\.write/,
		);
	});

	it('reads a rate-limit body', () => {
		const details = requestErrorDetails(429, {
			status: 'error',
			message: 'You have reached your daily limit.',
			errorType: 'RATE_LIMIT',
			policyName: 'DAILY',
			correlationId: 'c-2',
		});
		expect(details).toMatchObject({
			category: 'DAILY',
			subCategory: 'RATE_LIMIT',
			httpCode: '429',
		});
	});

	it('describes a body that is not JSON', () => {
		expect(requestErrorDetails(502, '<html>Bad gateway</html>').message).toBe(
			'HubSpot answered HTTP 502: <html>Bad gateway</html>',
		);
		expect(requestErrorDetails(500, undefined).message).toBe('HubSpot answered HTTP 500');
	});
});

describe('readablePropertyMessage', () => {
	it('leaves other messages alone, and bad JSON too', () => {
		expect(readablePropertyMessage('Something else')).toBe('Something else');
		expect(readablePropertyMessage('Property values were not valid: [oops')).toBe(
			'Property values were not valid: [oops',
		);
	});
});
