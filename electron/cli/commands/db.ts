import type { Command } from 'commander';
import { resolveDatabasePath } from '../../store/location.ts';
import { connect, migrate, schemaVersion } from '../../store/database.ts';
import { print } from '../context.ts';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('the workspace database');
  db.command('migrate')
    .description('create the database or bring it to the current schema')
    .action((_options, command: Command) => {
      const path = resolveDatabasePath({ flag: command.optsWithGlobals<{ db?: string }>().db });
      const database = connect(path);
      try {
        const before = schemaVersion(database);
        const applied = migrate(database);
        print(applied.length ? `${path}: schema ${before} → ${schemaVersion(database)} (applied ${applied.join(', ')})` : `${path}: schema ${before}, up to date`);
      } finally {
        database.close();
      }
    });
}
