import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

/** What one operation's module exports: its entry in the operation list, its parameters, and how it runs. */
export interface OperationModule {
	option: INodePropertyOptions;
	description: INodeProperties[];
	execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;
}
