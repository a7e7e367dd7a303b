import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

export const ITEMS_NODE_TYPE = 'harness.items';

/**
 * A source node for tests and the benchmark: emits the items in its `items` parameter, or
 * `count` generated ones from a generator registered by name, so a run needs no other node.
 */
export class ItemsNode implements INodeType {
	static generators = new Map<string, (index: number) => IDataObject>();

	description: INodeTypeDescription = {
		displayName: 'Items',
		name: 'items',
		group: ['input'],
		version: 1,
		description: 'Emits items',
		defaults: { name: 'Items' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'Items', name: 'items', type: 'json', default: '[]' },
			{ displayName: 'Generator', name: 'generator', type: 'string', default: '' },
			{ displayName: 'Count', name: 'count', type: 'number', default: 0 },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const generatorName = this.getNodeParameter('generator', 0) as string;
		if (generatorName) {
			const generate = ItemsNode.generators.get(generatorName);
			if (!generate) throw new Error(`No generator named ${generatorName}`);
			const count = this.getNodeParameter('count', 0) as number;
			return [
				Array.from({ length: count }, (_, index) => ({
					json: generate(index),
					pairedItem: { item: 0 },
				})),
			];
		}
		const raw = this.getNodeParameter('items', 0) as string | IDataObject[];
		const items = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject[];
		return [items.map((json) => ({ json, pairedItem: { item: 0 } }))];
	}
}
