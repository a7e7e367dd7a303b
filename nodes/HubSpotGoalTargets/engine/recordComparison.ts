import type { IDataObject } from 'n8n-workflow';

import type { BatchOperation } from './operation';
import type { InputErrorDetails } from './types';

/** Write Mode `changed` writes what would change a record; `preview` writes nothing. */
export type CompareMode = 'changed' | 'preview';

/** What an input means for HubSpot's record. */
export type Change = 'create' | 'update' | 'none';

/** One property an input would change: HubSpot's value (null when it has none or did not return it) and the value sent. */
export interface PropertyChange extends IDataObject {
	from: string | null;
	to: string;
}

/**
 * What Write Mode `changed` and `preview` need to know about an operation's inputs: how to read
 * their records, and how to compare. The operation (upsert, update) gives it; the engine runs the
 * reads and the writes.
 */
export interface RecordComparison<I, R> {
	/** The batch read of current records: one outcome per input, its record or an error. */
	readOperation: BatchOperation<R>;
	/** The read input of an input: its record, with the properties it writes. */
	readInputOf: (input: I) => R;
	/** The record an input names: inputs with the same key are compared in input order. */
	recordKeyOf: (input: I) => string;
	/** The property values an input sends. */
	valuesOf: (input: I) => Record<string, string>;
	/** The properties that name the record (the ID property and its value), reported with it. */
	identityOf: (input: I) => Record<string, string>;
	/** Whether HubSpot's value of `property` equals the value sent, as HubSpot stores it. */
	sameValue: (property: string, stored: unknown, sent: string) => boolean;
	/** Whether a read error says that the record does not exist (rather than that it could not be read). */
	isNotFound: (error: InputErrorDetails) => boolean;
	/**
	 * An input whose record does not exist: `create` (upsert creates it), or the error a write
	 * would meet (update).
	 */
	whenMissing: 'create' | ((input: I, notFound: InputErrorDetails) => InputErrorDetails);
}
