import type { IDataObject } from 'n8n-workflow';

/** The saved value of a resourceMapper parameter. */
export interface MapperValue {
	mappingMode?: string;
	value?: IDataObject | null;
	schema?: Array<{ id: string; removed?: boolean; display?: boolean }>;
}

/** Whether the mapper is in "Map Automatically" mode: item fields named like properties are sent. */
export function isAutoMapping(mapper: unknown): boolean {
	return (
		typeof mapper === 'object' &&
		mapper !== null &&
		(mapper as MapperValue).mappingMode === 'autoMapInputData'
	);
}

/**
 * The properties an item sets, from the resource mapper: in "map automatically" mode, the item's
 * fields whose names are properties in the mapper's schema (and not removed by the user); in
 * "define below" mode, the values the user set.
 */
export function propertiesFromMapper(mapper: unknown, itemJson: IDataObject): IDataObject {
	if (typeof mapper !== 'object' || mapper === null) return {};
	const { mappingMode, value, schema } = mapper as MapperValue;
	if (mappingMode === 'autoMapInputData') {
		// Without a schema (a workflow written by hand, never opened in the editor) every field goes.
		if (!schema || schema.length === 0) return { ...itemJson };
		const known = new Set(schema.filter((field) => !field.removed).map((field) => field.id));
		// fromEntries keeps every name as an own key, "__proto__" included.
		return Object.fromEntries(Object.entries(itemJson).filter(([name]) => known.has(name)));
	}
	return { ...(value ?? {}) };
}
