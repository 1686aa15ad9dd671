import { ExportFormat, type Cell, type GetEvaluationResponse } from '@mpp/contracts';
import { AppError } from '@mpp/errors';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import ExcelJS from 'exceljs';

export interface ExportedFile {
  readonly contentType: string;
  readonly fileName: string;
  readonly content: Uint8Array;
}

const value = (c: Cell): string | number => (c.value.case === 'number' ? c.value.value : c.value.case === 'text' ? c.value.value : '');

/** A text cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) is kept as text with a leading apostrophe. */
const inert = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

function csvField(v: string | number): string {
  const s = typeof v === 'number' ? String(v) : inert(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const csvLines = (columns: readonly string[], rows: readonly (string | number)[][]) => [columns, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n');

/** JSON: each table with its method and its rows as objects keyed by column. */
function toJson(e: GetEvaluationResponse): Uint8Array {
  const doc = {
    mallId: e.mallId,
    mallName: e.mallName,
    period: e.period,
    from: e.from,
    to: e.to,
    generatedAt: e.generatedAt ? timestampDate(e.generatedAt).toISOString() : '',
    tables: e.tables.map((t) => ({ name: t.name, title: t.title, method: t.method, columns: t.columns, rows: t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r.cells[i] ? value(r.cells[i]) : '']))) })),
  };
  return new TextEncoder().encode(`${JSON.stringify(doc, null, 2)}\n`);
}

/** CSV (RFC 4180, CRLF, UTF-8 with a BOM so spreadsheets read the accents): one table, or all of them each under a line with its title. */
function toCsv(e: GetEvaluationResponse, table: string): Uint8Array {
  const tables = table === '' ? e.tables : e.tables.filter((t) => t.name === table);
  if (tables.length === 0) throw new AppError('invalid', `no table ${table}: choose one of ${e.tables.map((t) => t.name).join(', ')}, or none for all`, { violations: [{ field: 'table', reason: 'is not a table of the evidence' }] });
  const body = tables
    .map((t) => {
      const csv = csvLines(t.columns, t.rows.map((r) => r.cells.map(value)));
      return table === '' ? `${csvField(`${t.title} (${t.name})`)}\r\n${csv}` : csv;
    })
    .join('\r\n\r\n');
  return new TextEncoder().encode(`\ufeff${body}\r\n`);
}

/** XLSX: a cover sheet (mall, period, when, and how each table is computed), then one sheet per table. */
async function toXlsx(e: GetEvaluationResponse): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = 'MPP Platform';
  const generated = e.generatedAt ? timestampDate(e.generatedAt) : new Date(0);
  book.created = generated;
  const cover = book.addWorksheet('cover');
  cover.columns = [{ width: 32 }, { width: 110 }];
  cover.addRows([
    ['Evaluation evidence', e.mallName || e.mallId],
    ['mall', e.mallId],
    ['period', e.period],
    ['from', e.from],
    ['to', e.to],
    ['generated at', generated.toISOString()],
    [],
    ['sheet', 'what it holds and how each figure is computed'],
  ]);
  cover.getRow(1).font = { bold: true, size: 14 };
  cover.getRow(8).font = { bold: true };
  for (const t of e.tables) {
    const row = cover.addRow([t.name, `${t.title}. ${t.method}`]);
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    const sheet = book.addWorksheet(t.name.slice(0, 31));
    sheet.addRow(t.columns);
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    for (const r of t.rows) sheet.addRow(r.cells.map(value));
    sheet.columns.forEach((c, i) => (c.width = Math.min(60, Math.max(10, t.columns[i]!.length + 2, ...t.rows.map((r) => String(r.cells[i] ? value(r.cells[i]) : '').length + 2)))));
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}

const FORMATS = [ExportFormat.JSON, ExportFormat.CSV, ExportFormat.XLSX];

/** Refuses a request for a file before any work: a format we write, a table only for CSV. */
export function checkExport(format: ExportFormat, table: string): void {
  if (!FORMATS.includes(format)) throw new AppError('invalid', 'format must be json, csv or xlsx', { violations: [{ field: 'format', reason: 'is not an export format' }] });
  if (format !== ExportFormat.CSV && table !== '') throw new AppError('invalid', 'table chooses one table of a CSV export only', { violations: [{ field: 'table', reason: 'only with format csv' }] });
}

/** Letters, digits and `-` only: the name may end up in a Content-Disposition header. */
const safe = (s: string) => s.replace(/[^0-9A-Za-z-]+/g, '_');

/** The evidence as a file. */
export async function exportEvaluation(e: GetEvaluationResponse, format: ExportFormat, table: string): Promise<ExportedFile> {
  checkExport(format, table);
  const base = `evaluation-${safe(e.mallId)}-${safe(e.period)}`;
  switch (format) {
    case ExportFormat.JSON:
      return { contentType: 'application/json', fileName: `${base}.json`, content: toJson(e) };
    case ExportFormat.CSV:
      return { contentType: 'text/csv; charset=utf-8', fileName: `${base}${table ? `-${safe(table)}` : ''}.csv`, content: toCsv(e, table) };
    case ExportFormat.XLSX:
      return { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName: `${base}.xlsx`, content: await toXlsx(e) };
    default:
      throw new AppError('invalid', 'format must be json, csv or xlsx', { violations: [{ field: 'format', reason: 'is not an export format' }] });
  }
}
