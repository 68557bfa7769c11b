import { csvFileName, downloadCsv, type CsvTable } from './csv.ts';

/** 'Export CSV' for one table; the table is built only when clicked. */
export function CsvButton({ title, fileParts, table }: { title: string; fileParts: string[]; table: () => CsvTable }) {
  return (
    <button type="button" className="no-print" aria-label={`Export ${title} as CSV`} onClick={() => downloadCsv(csvFileName(...fileParts), table())}>
      Export CSV
    </button>
  );
}
