import type { IDataObject } from 'n8n-workflow';

import { NODE_CATEGORIES, type InputProblem } from '../../../engine/types';

/** Where an input comes from: its item, its place in the run, and in JSON mode its place in the item's array. */
export interface InputPosition {
	itemIndex: number;
	seq: number;
	/** Index within the item's JSON array, in json mode when the item gave an array. */
	arrayIndex?: number;
}

function where(pos: InputPosition): string {
	return pos.arrayIndex === undefined
		? `Item ${pos.itemIndex}`
		: `Item ${pos.itemIndex}, input ${pos.arrayIndex}`;
}

/** An input the node refuses before sending: the item, the field and what is wrong with it. */
export function problem(
	pos: InputPosition,
	field: string,
	detail: string,
	input: IDataObject,
): InputProblem {
	return {
		seq: pos.seq,
		itemIndex: pos.itemIndex,
		error: {
			message: `${where(pos)}: '${field}' ${detail}`,
			field,
			category: NODE_CATEGORIES.invalidInput,
		},
		input,
	};
}

/** Whether a step's result is a problem (property values are always text, never an object). */
export function isProblem<T extends object>(value: T | InputProblem): value is InputProblem {
	return (
		typeof (value as InputProblem).error === 'object' &&
		typeof (value as InputProblem).seq === 'number'
	);
}
