import type { INodeProperties } from 'n8n-workflow';

import {
	optionsCollection,
	sendingOptions,
	validatePropertiesOption,
} from '../common/options.description';
import { writeFields } from '../common/writeFields.description';

export const batchCreateProperties: INodeProperties[] = [
	...writeFields('batchCreate', {
		jsonShape: '{"properties": {...}, "objectWriteTraceId"?: "..."}',
		propertiesDescription: 'The HubSpot properties of the new goal target and their values',
	}),
	optionsCollection('batchCreate', [...sendingOptions, validatePropertiesOption]),
];
