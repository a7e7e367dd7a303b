import type { INodeProperties } from 'n8n-workflow';

import { optionsCollection, sendingOptions } from '../common/options.description';
import { recordIdValue } from '../common/recordId.description';

export const batchArchiveProperties: INodeProperties[] = [
	recordIdValue(
		'batchArchive',
		"This item's goal target to delete (archive): its HubSpot record ID",
	),
	optionsCollection('batchArchive', sendingOptions),
];
