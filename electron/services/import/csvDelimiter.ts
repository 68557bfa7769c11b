import { csvDelimiters, type CsvDelimiter } from '../../../shared/contacts/importMapping.ts';
import { CsvTokenizer, type CsvRecord } from './csvTokenizer.ts';

/** Lines read to find the delimiter at most: enough to see past a header that happens to hold commas. */
const LINES = 200;

/**
 * The delimiter of a CSV file, from its first lines (`text`, decoded; `whole`: the file ends there, so its last
 * line is complete). Each candidate splits the lines as a CSV reader would (quotes respected); the one under
 * which the most lines have as many fields as the header, and more than one, wins; then the one with more
 * fields; then the first of `, ; tab |`. The header alone misleads: `Name;Amount` with rows like `Ann;12,50`
 * is one comma-field header over two-comma rows, and a header with no delimiter at all says nothing.
 */
export function detectDelimiter(text: string, whole: boolean): CsvDelimiter {
  let best: CsvDelimiter = ',';
  let bestScore = [-1, 0];
  for (const delimiter of csvDelimiters) {
    const records = firstRecords(text, delimiter, whole);
    const header = records[0];
    if (!header || !('fields' in header) || header.fields.length < 2) continue;
    const width = header.fields.length;
    let agreeing = 0;
    for (let i = 1; i < records.length; i++) {
      const record = records[i];
      if ('fields' in record && record.fields.length === width) agreeing++;
    }
    const score = [agreeing, width];
    if (score[0] > bestScore[0] || (score[0] === bestScore[0] && score[1] > bestScore[1])) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

function firstRecords(text: string, delimiter: string, whole: boolean): CsvRecord[] {
  const tokenizer = new CsvTokenizer(delimiter);
  const records: CsvRecord[] = [];
  tokenizer.push(text, records);
  if (whole) tokenizer.end(records);
  // The record the text cuts off is not in `records` (the tokenizer holds it until its line ends).
  return records.slice(0, LINES);
}
