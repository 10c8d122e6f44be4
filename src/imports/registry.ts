import { residentsImporter } from '../people/import-residents.js';
import type { Importer } from './importer.js';
import { recipientsImporter } from '../delivery/import-recipients.js';

/** Every spreadsheet import kind; domains add theirs here. */
export const importers: Record<string, Importer> = {
  [residentsImporter.kind]: residentsImporter,
  [recipientsImporter.kind]: recipientsImporter,
};
