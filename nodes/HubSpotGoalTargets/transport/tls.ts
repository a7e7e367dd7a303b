/**
 * Certificate and TLS failures: the host's certificate is not one Node trusts (self-signed, a
 * company proxy's own CA, expired, for another name), or the two sides cannot agree on TLS at all.
 * Every request to the host fails the same way until the configuration changes, so the run stops
 * once instead of retrying; nothing was sent (the handshake comes before the request).
 */

/** OpenSSL's certificate verification results, as Node reports them in `error.code`. */
const CERTIFICATE_CODES = new Set([
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'SELF_SIGNED_CERT_IN_CHAIN',
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'UNABLE_TO_GET_ISSUER_CERT',
	'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
	'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
	'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
	'CERT_SIGNATURE_FAILURE',
	'CERT_NOT_YET_VALID',
	'CERT_HAS_EXPIRED',
	'ERROR_IN_CERT_NOT_BEFORE_FIELD',
	'ERROR_IN_CERT_NOT_AFTER_FIELD',
	'CERT_CHAIN_TOO_LONG',
	'CERT_REVOKED',
	'CERT_UNTRUSTED',
	'CERT_REJECTED',
	'INVALID_CA',
	'INVALID_PURPOSE',
	'PATH_LENGTH_EXCEEDED',
	'HOSTNAME_MISMATCH',
	'UNABLE_TO_GET_CRL',
	'CRL_HAS_EXPIRED',
	'CRL_NOT_YET_VALID',
	'CRL_SIGNATURE_FAILURE',
	'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * Whether a failure with this code (and message) is a certificate or TLS handshake problem:
 * OpenSSL's certificate codes, Node's `ERR_SSL_…` errors, and `EPROTO` when OpenSSL's SSL routines
 * raised it (e.g. "wrong version number": an https Base URL on a port that speaks plain http).
 */
export function isTlsFailure(code: string, message = ''): boolean {
	if (CERTIFICATE_CODES.has(code) || code.startsWith('ERR_SSL_')) return true;
	return code === 'EPROTO' && /SSL routines|\bTLS\b/i.test(message);
}

/** What OpenSSL said, without its internals ("…:SSL routines:…:wrong version number:…" → "wrong version number"). */
function problemOf(message: string): string {
	const routine = /SSL routines:[^:]*:([^:]+)/.exec(message);
	return (routine ? routine[1] : message).trim();
}

function hostOf(baseUrl: string): string {
	try {
		return new URL(baseUrl).host || baseUrl;
	} catch {
		return baseUrl;
	}
}

/** The message the run stops with: the host, the problem, and how to fix it. */
export function tlsStopMessage(baseUrl: string, code: string, message: string): string {
	const host = hostOf(baseUrl);
	return (
		`Could not connect securely to ${host} (the credential's Base URL ${baseUrl}): ${problemOf(message)} (${code}). ` +
		'Nothing was sent, and the node stops: every request would fail the same way. ' +
		`If ${host} is reached through your company's proxy or uses your company's certificate authority, give n8n that CA certificate ` +
		'(set NODE_EXTRA_CA_CERTS=/path/to/company-ca.pem in the environment n8n starts with, then restart n8n); ' +
		"otherwise correct the credential's Base URL (https://api.hubapi.com unless HubSpot says otherwise)."
	);
}
