import { residentsImporter } from '../people/import-residents.js';
import type { Importer } from './importer.js';

/** Every spreadsheet import kind; domains add theirs here. */
export const importers: Record<string, Importer> = {
  [residentsImporter.kind]: residentsImporter,
};
