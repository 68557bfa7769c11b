import type { Consent } from '../../../shared/contacts/consent.ts';

/** A row of the contacts table as SQLite returns it (`SELECT * FROM contacts`). Timestamps are epoch ms. */
export interface ContactRow {
  id: number;
  email: string;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  country: string | null;
  timezone: string | null;
  locale: string | null;
  consent: Consent;
  /** The custom attributes, as a JSON object. */
  attributes: string;
  /** The tags, in the stored form (tagColumn.ts). */
  tags: string;
  created_at: number;
  updated_at: number;
}
