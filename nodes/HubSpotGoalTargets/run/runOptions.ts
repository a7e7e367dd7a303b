import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readBatchUpsertOptions, type BatchUpsertOptions } from '../helpers/options';
import { readWriteMode, type WriteMode } from '../helpers/writeMode';

/** The run's options: the Options collection, checked. */
export type RunOptions = BatchUpsertOptions & { writeMode: WriteMode };

/**
 * The Options collection of a batch operation, checked before anything is sent (an expression can
 * give any value): a bad one stops the node, naming each bad option and what it allows.
 */
export function readRunOptions(node: IExecuteFunctions): RunOptions {
	const rawOptions = node.getNodeParameter('options', 0, {});
	const reading = readBatchUpsertOptions(rawOptions);
	const mode = readWriteMode(rawOptions);
	if (!reading.ok || !mode.ok) {
		const messages = [reading, mode].flatMap((r) => (r.ok ? [] : [r.message]));
		throw new NodeOperationError(node.getNode(), messages.join('; '));
	}
	return { ...reading.options, writeMode: mode.writeMode };
}
