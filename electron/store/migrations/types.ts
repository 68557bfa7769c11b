export interface Migration {
  /** Numbered from 1 without gaps; the database's user_version is the last one applied. */
  version: number;
  name: string;
  sql: string;
}
