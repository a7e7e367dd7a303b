import type { INodeProperties } from 'n8n-workflow';

import {
	optionsCollection,
	sendingOptions,
	validatePropertiesOption,
} from '../common/options.description';
import { writeModeOption } from '../common/writeMode.description';
import { optionalIdProperty, recordIdValue } from '../common/recordId.description';
import { writeFields } from '../common/writeFields.description';

export const batchUpdateProperties: INodeProperties[] = [
	optionalIdProperty('batchUpdate'),
	...writeFields(
		'batchUpdate',
		{
			jsonShape:
				'{"id": "...", "properties": {...}, "idProperty"?: "...", "objectWriteTraceId"?: "..."}',
			propertiesDescription:
				'The HubSpot properties to change and their values; properties left out keep their values',
		},
		[
			recordIdValue(
				'batchUpdate',
				"This item's goal target: its HubSpot record ID, or its value of the ID property",
			),
		],
	),
	optionsCollection('batchUpdate', [...sendingOptions, validatePropertiesOption, writeModeOption]),
];
