import type { Migration } from './types.ts';

/** Journeys and their versions, contacts, events, segments, templates and snippets. */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  sql: `
    CREATE TABLE journeys (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'live', 'paused', 'stopped')),
      draft TEXT NOT NULL,
      live_version INTEGER,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE INDEX journeys_updated ON journeys (updated_at DESC);

    CREATE TABLE journey_versions (
      journey_id TEXT NOT NULL REFERENCES journeys (id) ON DELETE CASCADE,
      version INTEGER NOT NULL,
      document TEXT NOT NULL,
      published_at INTEGER NOT NULL,
      PRIMARY KEY (journey_id, version)
    );

    CREATE TABLE contacts (
      id INTEGER PRIMARY KEY,
      email TEXT NOT NULL COLLATE NOCASE UNIQUE,
      first_name TEXT,
      last_name TEXT,
      phone TEXT,
      country TEXT,
      timezone TEXT,
      locale TEXT,
      consent TEXT NOT NULL DEFAULT 'never-asked' CHECK (consent IN ('subscribed', 'unsubscribed', 'never-asked')),
      attributes TEXT NOT NULL DEFAULT '{}',
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );

    CREATE TABLE contact_tags (
      contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
      tag TEXT NOT NULL,
      added_at INTEGER NOT NULL,
      PRIMARY KEY (contact_id, tag)
    ) WITHOUT ROWID;
    CREATE INDEX contact_tags_by_tag ON contact_tags (tag, contact_id);

    CREATE TABLE events (
      id INTEGER PRIMARY KEY,
      contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      occurred_at INTEGER NOT NULL,
      properties TEXT NOT NULL DEFAULT '{}',
      -- the source's own event id when it had one, else a hash of contact, name, time and properties
      dedupe_key TEXT NOT NULL UNIQUE
    );
    CREATE INDEX events_by_contact ON events (contact_id, name, occurred_at);
    CREATE INDEX events_by_name ON events (name, occurred_at);

    CREATE TABLE suppressions (
      email TEXT PRIMARY KEY COLLATE NOCASE,
      reason TEXT NOT NULL,
      added_at INTEGER NOT NULL
    );

    CREATE TABLE segments (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL DEFAULT 'dynamic' CHECK (kind IN ('dynamic', 'static')),
      rule TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE TABLE segment_members (
      segment_id TEXT NOT NULL REFERENCES segments (id) ON DELETE CASCADE,
      contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
      PRIMARY KEY (segment_id, contact_id)
    ) WITHOUT ROWID;

    CREATE TABLE templates (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      document TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );

    CREATE TABLE snippets (
      name TEXT PRIMARY KEY,
      body TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    );

    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
  `,
};
