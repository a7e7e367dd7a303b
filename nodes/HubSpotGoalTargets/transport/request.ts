/**
 * The node's one HTTP call, through n8n's authenticated request helper: every answer comes back as
 * an HttpAttempt, bounded in time (RequestDeadline) and in size (answerSize).
 */
import type {
	IAdditionalCredentialOptions,
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { answerLimitText, isAnswerStream, readAnswer } from './answerSize';
import { attemptFromError, plainHeaders } from './attemptFromError';
import type { HubSpotContext } from './credential';
import { RequestDeadline } from './deadline';
import type { HttpAttempt } from './httpAttempt';
import { redirectRefusal } from './redirect';
import { isTlsFailure, tlsStopMessage } from './tls';

export interface HubSpotRequest {
	method: IHttpRequestMethods;
	/** The credential type n8n authenticates the request with (see credentialTypeOf). */
	credentialType: string;
	baseUrl: string;
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	/** The most the request may take, connecting and reading the whole answer included (30 s by default). */
	timeoutMs?: number;
	/** The execution's cancel signal: n8n aborts the request when the execution is cancelled. */
	abortSignal?: AbortSignal;
	/**
	 * The credential as the run read it once (access tokens only): n8n's helper otherwise reads
	 * and decrypts it from its database for every request. OAuth2 requests leave it out: n8n
	 * refreshes their token.
	 */
	credential?: IAdditionalCredentialOptions['credentialsDecrypted'];
}

/** A request that missed its deadline: its answer is lost, as after any timeout. */
function timedOut(timeoutMs: number): HttpAttempt {
	return {
		kind: 'network',
		code: 'ETIMEDOUT',
		message: `timeout: no complete answer within ${timeoutMs} ms (option Timeout (Ms))`,
	};
}

/** What a call of n8n's helper came to: an attempt, or the error when it is no answer (or was aborted). */
type Sent = { attempt: HttpAttempt } | { error: unknown };

/**
 * The attempt once its body is read (n8n's helper gives a stream): parsed, or `tooLarge` past
 * the bound, or a lost answer when the connection failed while reading. A 3xx becomes a
 * configuration error; a certificate or TLS failure a stop naming the host.
 */
async function settled(attempt: HttpAttempt, baseUrl: string, signal: AbortSignal): Promise<Sent> {
	if (attempt.kind === 'network') {
		if (!isTlsFailure(attempt.code, attempt.message)) return { attempt };
		const message = tlsStopMessage(baseUrl, attempt.code, attempt.message);
		return { attempt: { ...attempt, message, tls: true } };
	}
	if (attempt.kind !== 'response') return { attempt };
	let { body } = attempt;
	if (isAnswerStream(body)) {
		try {
			const read = await readAnswer(body, signal);
			if (!read.ok) {
				const { statusCode, headers } = attempt;
				return { attempt: { kind: 'tooLarge', statusCode, headers, limit: answerLimitText } };
			}
			body = read.body;
		} catch (error) {
			const code = (error as { code?: unknown }).code;
			// Aborted (deadline, cancel): the caller tells which.
			if (signal.aborted || code === 'ERR_CANCELED') return { error };
			const reason = error instanceof Error ? error.message : String(error);
			return {
				attempt: {
					kind: 'network',
					code: typeof code === 'string' && code !== '' ? code : 'ECONNRESET',
					message: `the answer (HTTP ${attempt.statusCode}) was cut off: ${reason}`,
				},
			};
		}
	}
	if (attempt.statusCode >= 300 && attempt.statusCode < 400)
		return { attempt: redirectRefusal(baseUrl, attempt.statusCode, attempt.headers) };
	return { attempt: { ...attempt, body } };
}

/**
 * The node's one HTTP call, through n8n's authenticated request helper (credential applied,
 * OAuth2 refreshed, proxy settings honoured). It returns every HTTP answer as data instead of
 * throwing, so the caller decides what to retry; errors that are not answers are rethrown. The
 * request ends by its deadline (`timeoutMs`, a timeout) and its answer is read up to
 * MAX_ANSWER_BYTES (`tooLarge` past it).
 */
export async function hubSpotApiRequest(
	context: HubSpotContext,
	request: HubSpotRequest,
): Promise<HttpAttempt> {
	const timeoutMs = request.timeoutMs ?? 30_000;
	const deadline = new RequestDeadline(timeoutMs, request.abortSignal);
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${request.baseUrl}${request.path}`,
		json: true,
		returnFullResponse: true,
		// axios counts it until the headers, then between two reads only. The deadline bounds the
		// whole request; n8n's helper may put the execution's cancel signal in place of this one, so
		// the deadline also holds without it (RequestDeadline.race, and the body read here).
		timeout: timeoutMs,
		abortSignal: deadline.signal,
		// n8n's helper would repeat the request, Authorization header included, wherever a
		// redirect points: the token goes to the configured host only.
		disableFollowRedirect: true,
		// n8n's helper would read any answer whole: the node reads the stream, up to a bound.
		encoding: 'stream',
	};
	if (request.body !== undefined) options.body = request.body;
	if (request.qs !== undefined) options.qs = request.qs;
	const send = async (): Promise<Sent> => {
		let attempt: HttpAttempt | undefined;
		try {
			const response = (await context.helpers.httpRequestWithAuthentication.call(
				context,
				request.credentialType,
				options,
				request.credential ? { credentialsDecrypted: request.credential } : undefined,
			)) as { statusCode: number; body: unknown; headers: unknown };
			attempt = {
				kind: 'response',
				statusCode: response.statusCode,
				body: response.body,
				headers: plainHeaders(response.headers),
			};
		} catch (error) {
			attempt = attemptFromError(error);
			if (!attempt || deadline.signal.aborted) return { error };
		}
		return await settled(attempt, request.baseUrl, deadline.signal);
	};
	let sent: Sent;
	try {
		sent = await deadline.race(send());
	} catch (error) {
		sent = { error };
	} finally {
		deadline.end();
	}
	if ('attempt' in sent) return sent.attempt;
	if (deadline.passed) return timedOut(timeoutMs);
	// Not an answer from HubSpot (missing credential, cancelled run): n8n's own error, passed on.
	throw new NodeApiError(context.getNode(), sent.error as JsonObject);
}
