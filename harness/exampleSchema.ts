import type { INodeParameters, ResourceMapperField } from 'n8n-workflow';

import type { ExampleWorkflow } from './examples';
import { NODE_TYPE } from './nodeTypes';

interface MapperParameter {
	mappingMode: string;
	value: Record<string, unknown> | null;
	schema: Array<ResourceMapperField & { removed?: boolean }>;
}

/**
 * The resource-mapper schema an example should carry, as the editor saves it after loading the
 * account's properties: every field the node offers, the ones not mapped marked removed. A stale
 * saved schema makes n8n's editor say "Properties are outdated".
 */
export function expectedMapperSchema(
	mapper: MapperParameter,
	fields: ResourceMapperField[],
): MapperParameter['schema'] {
	const mapped = new Set(Object.keys(mapper.value ?? {}));
	return fields.map((field) => ({
		...field,
		removed: mapper.mappingMode === 'defineBelow' ? !mapped.has(field.id) : false,
	}));
}

/** The resource-mapper parameter of the example's node under test (meta.expected.node, else our first node), when it uses one. */
export function mapperOf(example: ExampleWorkflow): MapperParameter | undefined {
	const ours = example.nodes.filter((candidate) => candidate.type === NODE_TYPE);
	const node = ours.find((candidate) => candidate.name === example.meta?.expected?.node) ?? ours[0];
	const parameters = node?.parameters as INodeParameters | undefined;
	if (!parameters || parameters.inputMode === 'json') return undefined;
	return parameters.properties as unknown as MapperParameter;
}
