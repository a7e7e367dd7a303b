/**
 * Issue 17 §4 in the transport: reading an answer up to its bound.
 */
import { Readable } from 'node:stream';

import {
	isAnswerStream,
	MAX_ANSWER_BYTES,
	readAnswer,
} from '../../../nodes/HubSpotGoalTargets/transport/answerSize';

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
