import { getIdProperties, getPropertyNames, getUniqueProperties } from './loadOptions';
import { getPropertyColumns } from './resourceMapping';

export const loadOptions = { getIdProperties, getPropertyNames, getUniqueProperties };
export const resourceMapping = { getPropertyColumns };
