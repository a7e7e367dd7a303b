/**
 * The most the node reads of one answer, counted after decompression: 32 MiB. HubSpot's largest
 * answers are pages of records (at most 200 in a search page, 100 in a batch answer or a list
 * page); a goal target's properties (names, amounts, dates, ids) take a few kilobytes, so 32 MiB
 * leaves over 160 KB per record even on a 200-record page, more than two text values at
 * HubSpot's 65,536-character limit on every record. n8n's helper would read any answer whole
 * into memory, and parse it; a larger one is not HubSpot's, and is refused while it arrives.
 */
export const MAX_ANSWER_BYTES = 32 * 1024 * 1024;

export const answerLimitText = `${MAX_ANSWER_BYTES / (1024 * 1024)} MiB`;

/** An answer body as n8n's helper gives it when asked for a stream (axios's, decompressed). */
export interface AnswerStream extends AsyncIterable<unknown> {
	destroy(error?: Error): unknown;
}

export function isAnswerStream(value: unknown): value is AnswerStream {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as { pipe?: unknown }).pipe === 'function' &&
		typeof (value as { destroy?: unknown }).destroy === 'function' &&
		typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
	);
}

/** The body as n8n's helper reads JSON answers: parsed when it is JSON, the text otherwise ('' when empty). */
function bodyOf(text: string): unknown {
	if (text.trim() === '') return text;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

export type ReadAnswer = { ok: true; body: unknown } | { ok: false; tooLarge: true };

/**
 * Reads an answer's body up to `limit` bytes and parses it; past the limit it stops reading (the
 * connection is closed) and says so. When `signal` aborts, the stream is closed and the read
 * rejects.
 */
export async function readAnswer(
	stream: AnswerStream,
	signal: AbortSignal,
	limit = MAX_ANSWER_BYTES,
): Promise<ReadAnswer> {
	const onAbort = () => stream.destroy(new Error('The request was aborted'));
	if (signal.aborted) onAbort();
	else signal.addEventListener('abort', onAbort, { once: true });
	try {
		const decoder = new TextDecoder('utf-8');
		let text = '';
		let size = 0;
		for await (const chunk of stream) {
			const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Uint8Array);
			size += bytes.byteLength;
			if (size > limit) {
				stream.destroy();
				return { ok: false, tooLarge: true };
			}
			text += decoder.decode(bytes, { stream: true });
		}
		return { ok: true, body: bodyOf(text + decoder.decode()) };
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
}
