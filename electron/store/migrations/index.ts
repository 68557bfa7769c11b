import type { Migration } from './types.ts';
import { initial } from './0001-initial.ts';
import { imports } from './0002-imports.ts';
import { engine } from './0003-engine.ts';
import { importKinds } from './0004-import-kinds.ts';
import { eventsByContact } from './0005-events-by-contact.ts';
import { contactTagsColumn } from './0006-contact-tags-column.ts';
import { resultsIndexes } from './0007-results-indexes.ts';
import { engineLease } from './0008-engine-lease.ts';

/** In order. Add a file per migration and one line here; never edit one that has shipped. */
export const migrations: readonly Migration[] = [initial, imports, engine, importKinds, eventsByContact, contactTagsColumn, resultsIndexes, engineLease];
