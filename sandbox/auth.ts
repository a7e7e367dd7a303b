/**
 * Who may call: the two fixed private-app tokens and access tokens issued by POST /oauth/v1/token.
 * All credentials are obviously fake sandbox strings (they never look like a real `pat-na1-xxxxxxxx-...`).
 */
import { randomBytes } from 'node:crypto';
import { HubSpotError, expiredTokenMessage, missingScopes, unauthorized } from './errors';

export const READ_SCOPE = 'crm.objects.goals.read';
export const WRITE_SCOPE = 'crm.objects.goals.write';

export const SANDBOX_TOKENS = {
	readWrite: 'pat-sandbox-readwrite-token',
	readOnly: 'pat-sandbox-readonly-token',
} as const;

export const SANDBOX_OAUTH = {
	clientId: 'sandbox-oauth-client-id',
	clientSecret: 'sandbox-oauth-client-secret',
	refreshToken: 'sandbox-oauth-refresh-token',
} as const;

export const SANDBOX_HUB_ID = 12345678;
export const OAUTH_SCOPES = ['oauth', READ_SCOPE, WRITE_SCOPE];

export interface Caller {
	token: string;
	kind: 'private_app' | 'oauth';
	scopes: string[];
	/** Rate-limit bucket: per private-app token; all OAuth tokens share the installing account's bucket. */
	bucket: string;
}

export type AuthResult =
	| { ok: true; caller: Caller }
	| { ok: false; status: 401; error: HubSpotError };

interface Issued {
	expiresAt: number;
	scopes: string[];
}

export class TokenRegistry {
	readonly tokens = { ...SANDBOX_TOKENS };
	readonly oauth = { ...SANDBOX_OAUTH };
	private issued = new Map<string, Issued>();
	private counter = 0;

	authenticate(authorization: string | undefined, now = Date.now()): AuthResult {
		const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
		if (!m) return { ok: false, status: 401, error: unauthorized() };
		const token = m[1];
		if (token === this.tokens.readWrite) {
			return {
				ok: true,
				caller: { token, kind: 'private_app', scopes: [READ_SCOPE, WRITE_SCOPE], bucket: token },
			};
		}
		if (token === this.tokens.readOnly) {
			return {
				ok: true,
				caller: { token, kind: 'private_app', scopes: [READ_SCOPE], bucket: token },
			};
		}
		const issued = this.issued.get(token);
		if (!issued) return { ok: false, status: 401, error: unauthorized() };
		if (issued.expiresAt <= now) {
			return {
				ok: false,
				status: 401,
				error: unauthorized(expiredTokenMessage(now - issued.expiresAt)),
			};
		}
		return {
			ok: true,
			caller: { token, kind: 'oauth', scopes: issued.scopes, bucket: 'oauth-account' },
		};
	}

	/** A fresh OAuth access token with read+write scopes, valid for ttlSec seconds (0 = already expired). */
	issueAccessToken(
		ttlSec: number,
		now = Date.now(),
	): { token: string; expiresIn: number; scopes: string[] } {
		this.counter++;
		const token = `sandbox-oauth-access-${this.counter}-${randomBytes(6).toString('hex')}`;
		this.issued.set(token, { expiresAt: now + ttlSec * 1000, scopes: [...OAUTH_SCOPES] });
		return { token, expiresIn: ttlSec, scopes: [...OAUTH_SCOPES] };
	}
}

/** 403 MISSING_SCOPES when the caller lacks every one of the given scopes, else undefined. */
export function requireScope(caller: Caller, anyOf: string[]): HubSpotError | undefined {
	return anyOf.some((s) => caller.scopes.includes(s)) ? undefined : missingScopes(anyOf);
}
