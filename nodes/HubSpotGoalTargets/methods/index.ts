import { getPropertyNames, getUniqueProperties } from './loadOptions';
import { getPropertyColumns } from './resourceMapping';

export const loadOptions = { getPropertyNames, getUniqueProperties };
export const resourceMapping = { getPropertyColumns };
