/** A table as the CSV export writes it: a header row and rows of plain values. */
export interface CsvTable {
  header: string[];
  rows: Array<Array<string | number | null>>;
}

/**
 * RFC 4180 CSV (CRLF lines, quotes doubled). A text cell starting with = + - @ is prefixed with ' so that
 * a contact-supplied name cannot run as a formula when the file is opened in a spreadsheet.
 */
export function toCsv({ header, rows }: CsvTable): string {
  const cell = (value: string | number | null) => {
    if (value === null) return '';
    if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
    const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** Offers the text as a file download (the browser's own save, in the app and in browser mode alike). */
export function downloadCsv(fileName: string, table: CsvTable): void {
  const url = URL.createObjectURL(new Blob([toCsv(table)], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName.endsWith('.csv') ? fileName : `${fileName}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A file name from a title: 'Trial nurture - steps.csv'. */
export function csvFileName(...parts: string[]): string {
  return `${parts.join(' - ').replace(/[\\/:*?"<>|]+/g, ' ').trim()}.csv`;
}
