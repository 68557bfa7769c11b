import type { AttributeType } from '../../../shared/contacts/importMapping.ts';
import { isPlainNumber, isoText } from './convert.ts';

/* What a value can be read as without changing it, one bit per type (a value is at most one of them). */
const NUMBER = 1;
const BOOLEAN = 2;
const DATE = 4;
const LIST = 8;
/** The column has had a value. */
const SEEN = 16;
const ANY = NUMBER | BOOLEAN | DATE | LIST;
/** The types that change what is stored (a JSON number, true/false, an array instead of the text). */
const STORED_DIFFERENTLY = NUMBER | BOOLEAN | LIST;

/**
 * The types a value can be read as and written back unchanged. `01234`, `007`, `+33 6…`, `1e5`, `1.50` and
 * `12345678901234567890` are text (isPlainNumber): as numbers they would lose their zeros, their sign, their
 * form or their digits. A date is a calendar day (`2025-03-01`) or a UTC time as `toISOString` writes
 * it, the two forms a date column stores as written; other times stay text, since reading them would rewrite
 * them in UTC.
 */
function typesOf(value: unknown): number {
  switch (typeof value) {
    case 'number':
      return NUMBER;
    case 'boolean':
      return BOOLEAN;
    case 'string': {
      const first = value.charCodeAt(0);
      if ((first === 45 || (first >= 48 && first <= 57)) && isPlainNumber(value)) return NUMBER;
      if (value.length === 10 && isoText(value)) return DATE;
      if (value.length === 24 && value.endsWith('Z') && isoText(value) && new Date(value).toISOString() === value) return DATE;
      const lower = value.length <= 5 ? value.toLowerCase() : '';
      if (lower === 'true' || lower === 'false') return BOOLEAN;
      if (first === 91 && value.endsWith(']')) {
        try {
          return Array.isArray(JSON.parse(value)) ? LIST : 0;
        } catch {
          return 0;
        }
      }
      return 0;
    }
    default:
      return Array.isArray(value) ? LIST : 0;
  }
}

/**
 * The type of each of some columns, read from their values: a column is a number, true/false, a date or a list
 * when every value it has is one, written so that reading it changes nothing (typesOf); else text, which keeps
 * each value as written. Fed row by row; one odd value makes the whole column text, which is why the import
 * reads every row before it types a column (columnScan.ts).
 */
export class ColumnTypes {
  private readonly columns: string[];
  private readonly masks: Uint8Array;

  constructor(columns: readonly string[]) {
    this.columns = [...columns];
    this.masks = new Uint8Array(this.columns.length).fill(ANY);
  }

  add(values: Readonly<Record<string, unknown>>): void {
    const masks = this.masks;
    for (let i = 0; i < masks.length; i++) {
      const mask = masks[i];
      if ((mask & ANY) === 0) continue; // text already
      const value = values[this.columns[i]];
      if (value === '' || value === null || value === undefined) continue;
      masks[i] = (mask & typesOf(value)) | SEEN;
    }
  }

  /**
   * Whether more rows could still change a column's type: one of them could be a number, true/false or a list
   * (which store differently from text), or with `dates`, a date.
   */
  undecided(dates: boolean): boolean {
    const open = dates ? ANY : STORED_DIFFERENTLY;
    return this.masks.some((mask) => (mask & open) !== 0);
  }

  /**
   * A column's type. `complete`: every row has been read. Before that, only a column whose rows so far are all
   * dates can be undecided (see undecided()), and it is text: a column of calendar days is stored exactly as a
   * date column would store it, without the date column's refusal of a later cell that is not a date.
   */
  typeOf(column: string, complete: boolean): AttributeType {
    const index = this.columns.indexOf(column);
    const mask = index === -1 ? 0 : this.masks[index];
    if ((mask & SEEN) === 0) return 'text';
    if (mask & NUMBER) return 'number';
    if (mask & BOOLEAN) return 'boolean';
    if (mask & DATE) return complete ? 'date' : 'text';
    if (mask & LIST) return 'list';
    return 'text';
  }
}
