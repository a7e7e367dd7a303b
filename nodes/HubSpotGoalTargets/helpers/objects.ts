import type { IDataObject } from 'n8n-workflow';

/** `value` when it is a plain JSON object (not null, not an array), for reading answers field by field. */
export function asObject(value: unknown): IDataObject | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as IDataObject)
		: undefined;
}
