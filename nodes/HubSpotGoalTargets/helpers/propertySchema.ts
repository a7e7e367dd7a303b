import type {
	FieldType,
	IDataObject,
	INodePropertyOptions,
	ResourceMapperField,
} from 'n8n-workflow';

/** A goal target property as HubSpot's properties API describes it (the fields the node uses). */
export interface HubSpotProperty {
	name: string;
	label?: string;
	type?: string;
	fieldType?: string;
	description?: string;
	hasUniqueValue?: boolean;
	hidden?: boolean;
	calculated?: boolean;
	archived?: boolean;
	options?: Array<{ label?: string; value?: string; hidden?: boolean }>;
	modificationMetadata?: { readOnlyValue?: boolean };
}

/** The account's goal target properties by name, when the node could read them. */
export type PropertyLookup = ReadonlyMap<string, HubSpotProperty>;

export function asProperties(results: unknown): HubSpotProperty[] {
	if (!Array.isArray(results)) return [];
	return results.filter(
		(entry): entry is HubSpotProperty =>
			typeof entry === 'object' &&
			entry !== null &&
			typeof (entry as IDataObject).name === 'string',
	);
}

/** Properties a write may set: not read-only, calculated, hidden or archived. */
export function isWritable(property: HubSpotProperty): boolean {
	return !(
		property.modificationMetadata?.readOnlyValue === true ||
		property.calculated === true ||
		property.hidden === true ||
		property.archived === true
	);
}

/** The dropdown of properties an upsert can key on: those with unique values. */
export function uniquePropertyOptions(properties: HubSpotProperty[]): INodePropertyOptions[] {
	return properties
		.filter((property) => property.hasUniqueValue === true && property.archived !== true)
		.map((property) => ({
			name: property.label ? `${property.label} (${property.name})` : property.name,
			value: property.name,
			description: property.description || undefined,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** The dropdown of every property a record can be read, filtered or sorted by, labelled as HubSpot labels them. */
export function propertyNameOptions(properties: HubSpotProperty[]): INodePropertyOptions[] {
	return properties
		.filter((property) => property.archived !== true)
		.map((property) => ({
			name: property.label ? `${property.label} (${property.name})` : property.name,
			value: property.name,
			description: property.description || undefined,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

export function mapperFieldType(property: HubSpotProperty): FieldType {
	switch (property.type) {
		case 'number':
			return 'number';
		case 'bool':
			return 'boolean';
		case 'enumeration':
			// Multi-select values are ';'-joined text; options held elsewhere (owners) are typed as ids.
			return property.fieldType === 'checkbox' || !property.options?.length ? 'string' : 'options';
		case 'date':
		case 'datetime':
			return 'dateTime';
		default:
			return 'string';
	}
}

/** Resource mapper fields for the writable properties, labelled as HubSpot labels them. */
export function propertyMapperFields(properties: HubSpotProperty[]): ResourceMapperField[] {
	return properties.filter(isWritable).map((property) => {
		const type = mapperFieldType(property);
		const field: ResourceMapperField = {
			id: property.name,
			displayName: property.label ? `${property.label} (${property.name})` : property.name,
			required: false,
			defaultMatch: false,
			canBeUsedToMatch: property.hasUniqueValue === true,
			display: true,
			type,
		};
		if (type === 'options') {
			field.options = (property.options ?? [])
				.filter((option) => option.hidden !== true && typeof option.value === 'string')
				.map((option) => ({
					name: option.label || String(option.value),
					value: String(option.value),
				}));
		}
		return field;
	});
}
