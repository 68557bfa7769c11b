import type { Migration } from './types.ts';
import { initial } from './0001-initial.ts';
import { engine } from './0004-engine.ts';

/** In order. Add a file per migration and one line here; never edit one that has shipped. */
export const migrations: readonly Migration[] = [initial, { ...engine, version: 2 } /* 0004-engine, registered at the next free index until 0002 and 0003 land */];
