import { AppError } from '@mpp/errors';
import { kindOfFile, rowsFromCsv, rowsFromJson, type Parsed } from './rows.js';
import { KINDS } from './document.js';

export { importCatalog, type ImportCounts, type ImportProgress, type ImportReport } from './run.js';
export { KINDS, type ImportDocument, type Kind } from './document.js';
export type { Parsed, Row, RowError } from './rows.js';

/** A file by its name: `catalog.json` (a whole document) or `<kind>.csv` (one kind of record). */
export function parseImportFile(fileName: string, content: string): Parsed {
  if (/\.json$/i.test(fileName)) return rowsFromJson(content, fileName);
  if (/\.csv$/i.test(fileName)) {
    const kind = kindOfFile(fileName);
    if (kind) return rowsFromCsv(kind, content, fileName.split(/[\\/]/).pop());
    throw new AppError('invalid', `a CSV file is named after what it holds: ${KINDS.filter((k) => k !== 'policies').map((k) => `${k}.csv`).join(', ')}`, {
      violations: [{ field: 'file_name', reason: 'must name the kind of records (e.g. services.csv)' }],
    });
  }
  throw new AppError('invalid', 'import a .json or .csv file', { violations: [{ field: 'file_name', reason: 'must end in .json or .csv' }] });
}
