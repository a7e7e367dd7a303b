/**
 * Issue 17 §4-5 in the transport's parts: reading an answer up to its bound, and recognising a
 * certificate or TLS failure in the errors n8n's helper throws (n8n 2.x keeps the axios error as
 * `cause`; n8n 1.x keeps only its code, as `httpCode`).
 */
import { Readable } from 'node:stream';

import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

import { judgeAttempt } from '../../nodes/HubSpotGoalTargets/engine/retryPolicy';
import { attemptFromError } from '../../nodes/HubSpotGoalTargets/transport/attemptFromError';
import {
	isAnswerStream,
	MAX_ANSWER_BYTES,
	readAnswer,
} from '../../nodes/HubSpotGoalTargets/transport/answerSize';
import { isTlsFailure, tlsStopMessage } from '../../nodes/HubSpotGoalTargets/transport/tls';

const node: INode = {
	id: '1',
	name: 'HubSpot Goal Targets',
	type: 'hubSpotGoalTargets',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

const live = () => new AbortController().signal;

describe('readAnswer', () => {
	it('reads JSON, an empty body and text the way n8n would have given them', async () => {
		const json = Readable.from([Buffer.from('{"results":'), Buffer.from('[{"id":"ü"}]}')]);
		await expect(readAnswer(json, live())).resolves.toEqual({
			ok: true,
			body: { results: [{ id: 'ü' }] },
		});
		await expect(readAnswer(Readable.from([]), live())).resolves.toEqual({ ok: true, body: '' });
		await expect(readAnswer(Readable.from([Buffer.from('Bad gateway')]), live())).resolves.toEqual({
			ok: true,
			body: 'Bad gateway',
		});
	});

	it('keeps a character split between two chunks whole', async () => {
		const bytes = Buffer.from('{"name":"Zürich"}');
		const at = bytes.indexOf(0xc3) + 1;
		const stream = Readable.from([bytes.subarray(0, at), bytes.subarray(at)]);
		await expect(readAnswer(stream, live())).resolves.toEqual({
			ok: true,
			body: { name: 'Zürich' },
		});
	});

	it('stops past the bound, closing the stream, without reading the rest', async () => {
		let produced = 0;
		const endless = new Readable({
			read() {
				produced += 1024;
				this.push(Buffer.alloc(1024, 'x'));
			},
		});
		await expect(readAnswer(endless, live(), 10 * 1024)).resolves.toEqual({
			ok: false,
			tooLarge: true,
		});
		expect(endless.destroyed).toBe(true);
		expect(produced).toBeLessThan(64 * 1024);
		expect(MAX_ANSWER_BYTES).toBe(32 * 1024 * 1024);
	});

	it('closes the stream and rejects when the signal aborts (deadline or cancel)', async () => {
		const controller = new AbortController();
		const silent = new Readable({ read() {} });
		const reading = readAnswer(silent, controller.signal);
		controller.abort();
		await expect(reading).rejects.toThrow('aborted');
		expect(silent.destroyed).toBe(true);
	});

	it('tells a stream from a parsed body', () => {
		expect(isAnswerStream(Readable.from([]))).toBe(true);
		expect(isAnswerStream({ results: [] })).toBe(false);
		expect(isAnswerStream('')).toBe(false);
	});
});

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
		const n8n2 = new NodeApiError(node, axiosError as unknown as JsonObject);
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
