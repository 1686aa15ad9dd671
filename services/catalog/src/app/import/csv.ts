/** One CSV record and the line it starts on (1-based; the header is line 1). */
export interface CsvRecord {
  readonly line: number;
  readonly cells: readonly string[];
}

/**
 * RFC 4180 CSV: comma-separated, fields in double quotes may hold commas, quotes (doubled) and
 * line breaks; CRLF or LF. A semicolon-separated file (what spreadsheets in Indonesian locale
 * save) is recognised by its header line. Returns the records with their starting lines.
 */
export function parseCsv(text: string): { records: CsvRecord[]; error?: { line: number; reason: string } } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a BOM from Excel
  const firstLine = body.slice(0, body.search(/\r?\n|$/));
  const sep = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let start = 1;
  let quoted = false;
  let i = 0;
  const endRecord = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0]!.trim() === '')) records.push({ line: start, cells });
    cells = [];
    cell = '';
  };
  while (i < body.length) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
      i++;
      continue;
    }
    if (c === '"' && cell === '') quoted = true;
    else if (c === sep) {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else cell += c;
    i++;
  }
  if (quoted) return { records, error: { line: start, reason: 'a quoted field is not closed' } };
  if (cell !== '' || cells.length > 0) endRecord();
  return { records };
}
