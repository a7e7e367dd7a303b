import type { IDataObject } from 'n8n-workflow';

import type { BuiltInput } from '../../../engine/types';
import { problem } from './inputProblem';

/** An input that names one record: its id value, and the unique property it refers to ('' = HubSpot's record id). */
export interface RecordRef {
	id: string;
	idProperty: string;
}

/**
 * One item's record reference, from its ID and ID Property parameters. With no ID Property the
 * ID is HubSpot's record id, which is all digits.
 */
export function buildRecordRef(
	itemIndex: number,
	seq: number,
	idValue: unknown,
	idProperty: unknown,
): BuiltInput<RecordRef> {
	const pos = { itemIndex, seq };
	const attempted: IDataObject = {
		id: idValue as IDataObject[string],
		idProperty: idProperty as IDataObject[string],
	};
	if (idProperty !== undefined && idProperty !== null && typeof idProperty !== 'string') {
		return problem(
			pos,
			'idProperty',
			'must be a property name, or empty for the HubSpot record id',
			attempted,
		);
	}
	const property = (idProperty ?? '').trim();
	const id =
		typeof idValue === 'number' && Number.isFinite(idValue)
			? String(idValue)
			: typeof idValue === 'string'
				? idValue.trim()
				: undefined;
	if (id === undefined) {
		const kind =
			idValue === null || idValue === undefined ? 'is missing' : 'is not text or a number';
		return problem(pos, 'idValue', kind, attempted);
	}
	if (id === '') return problem(pos, 'idValue', 'is empty', attempted);
	if (property === '' && !/^\d+$/.test(id)) {
		return problem(
			pos,
			'idValue',
			`'${id}' is not a HubSpot record id (digits only); to use another property's values, set ID Property`,
			attempted,
		);
	}
	return { seq, itemIndex, input: { id, idProperty: property } };
}

/** Each id once, in first-seen order: two inputs for one record share its answer. */
export function uniqueIds(refs: RecordRef[]): string[] {
	return [...new Set(refs.map((ref) => ref.id))];
}
