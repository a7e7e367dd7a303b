/**
 * Issue 17 §5 in the transport: recognising a certificate or TLS failure in the errors n8n's helper
 * throws (n8n 2.x keeps the axios error as `cause`; n8n 1.x keeps only its code, as `httpCode`).
 */
import { NodeApiError, type JsonObject } from 'n8n-workflow';

import { judgeAttempt } from '../../../nodes/HubSpotGoalTargets/engine/retryPolicy';
import { attemptFromError } from '../../../nodes/HubSpotGoalTargets/transport/attemptFromError';
import { fakeNode } from '../../../testkit/fakes';
import { isTlsFailure, tlsStopMessage } from '../../../nodes/HubSpotGoalTargets/transport/tls';

describe('certificate and TLS failures', () => {
	it('are recognised by code, and EPROTO only when OpenSSL raised it', () => {
		for (const code of [
			'DEPTH_ZERO_SELF_SIGNED_CERT',
			'SELF_SIGNED_CERT_IN_CHAIN',
			'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
			'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
			'CERT_HAS_EXPIRED',
			'ERR_TLS_CERT_ALTNAME_INVALID',
			'ERR_SSL_WRONG_VERSION_NUMBER',
		])
			expect(isTlsFailure(code)).toBe(true);
		expect(
			isTlsFailure(
				'EPROTO',
				'write EPROTO 80DC:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/ssl/record/ssl3_record.c:350:',
			),
		).toBe(true);
		for (const code of ['EPROTO', 'ECONNRESET', 'ETIMEDOUT', 'ECONNREFUSED'])
			expect(isTlsFailure(code, 'socket hang up')).toBe(false);
	});

	it("are read from n8n 2.x's error (axios error as cause) and n8n 1.x's (code as httpCode)", () => {
		const axiosError = Object.assign(new Error('self-signed certificate in certificate chain'), {
			code: 'SELF_SIGNED_CERT_IN_CHAIN',
			config: { headers: { Authorization: 'Bearer secret-token' } },
		});
		const n8n2 = new NodeApiError(fakeNode, axiosError as unknown as JsonObject);
		expect(attemptFromError(n8n2)).toEqual({
			kind: 'network',
			code: 'SELF_SIGNED_CERT_IN_CHAIN',
			message: 'self-signed certificate in certificate chain',
		});
		const n8n1 = Object.assign(new Error('certificate has expired'), {
			httpCode: 'CERT_HAS_EXPIRED',
		});
		expect(attemptFromError(n8n1)).toEqual({
			kind: 'network',
			code: 'CERT_HAS_EXPIRED',
			message: 'certificate has expired',
		});
	});

	it('stop the run, with a message naming the host, the problem and the fix', () => {
		const message = tlsStopMessage(
			'https://hubspot.proxy.example:8443',
			'EPROTO',
			'write EPROTO 80DC:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../x.c:350:',
		);
		expect(message).toContain(
			"Could not connect securely to hubspot.proxy.example:8443 (the credential's Base URL https://hubspot.proxy.example:8443): wrong version number (EPROTO).",
		);
		expect(message).toContain('NODE_EXTRA_CA_CERTS=');
		expect(judgeAttempt({ kind: 'network', code: 'EPROTO', message, tls: true })).toEqual({
			kind: 'fatal',
			reason: 'tls',
		});
		expect(
			judgeAttempt({ kind: 'tooLarge', statusCode: 200, headers: {}, limit: '32 MiB' }),
		).toEqual({ kind: 'tooLarge' });
	});
});
