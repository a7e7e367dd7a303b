import type { INodeProperties } from 'n8n-workflow';

import { archivedOption, optionsCollection, sendingOptions } from '../common/options.description';
import { propertiesToReturnOption } from '../common/readOptions';
import { optionalIdProperty, recordIdValue } from '../common/recordId.description';

export const batchReadProperties: INodeProperties[] = [
	optionalIdProperty('batchRead'),
	recordIdValue(
		'batchRead',
		"This item's goal target: its HubSpot record ID, or its value of the ID property",
	),
	optionsCollection('batchRead', [...sendingOptions, archivedOption, propertiesToReturnOption]),
];
