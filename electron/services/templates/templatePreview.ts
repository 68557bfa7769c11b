import type { Db } from '../../store/database.ts';
import { readableJsonSql } from '../../store/readableJson.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import type { LintFinding, PreviewContact, PreviewResult } from '../../../shared/api/calls/templates.ts';
import type { ContactView } from '../../../shared/rules/contactView.ts';
import type { Template, TemplateDocument } from '../../../shared/templates/template.ts';
import type { DecisionContacts } from '../decisions/decisionContacts.ts';
import { lintTemplate } from './lint.ts';
import type { EmailRenderer } from './emailRenderer.ts';
import { sampleContact } from './sampleContact.ts';
import { PreviewTriggers } from './previewTrigger.ts';
import type { SnippetStore } from './snippetStore.ts';
import { TemplateError } from './templateError.ts';
import { decodeTags, hasTagSql } from '../contacts/tagColumn.ts';

/** The link previews put where the real, per-contact unsubscribe link will go. */
export const previewUnsubscribeUrl = 'https://unsubscribe.example.invalid/preview';

const displayName = (contact: ContactView) =>
  [contact.attributes.first_name, contact.attributes.last_name].filter((part) => typeof part === 'string' && part).join(' ') || contact.email;

export interface PreviewInput {
  template: Template;
  /** A stored contact; the made-up sample contact when omitted. */
  contactId?: number;
  trigger?: Record<string, unknown>;
  triggerEvent?: string;
  journeyId?: string;
  now?: number;
  /** The link in place of the contact's own; the preview's placeholder by default. */
  unsubscribeUrl?: string;
}

/** Renders templates for the editor: a chosen contact or the sample one, errors as data, lint findings beside. */
export class TemplatePreview {
  private readonly db: Db;
  private readonly emailRenderer: EmailRenderer;
  /** The contact as the engine reads them for a decision and renders their email (decisions/decisionContacts.ts). */
  private readonly contacts: DecisionContacts;
  private readonly snippets: SnippetStore;
  private readonly now: () => number;
  private readonly triggers: PreviewTriggers;

  constructor(deps: { db: Db; emailRenderer: EmailRenderer; contacts: DecisionContacts; snippets: SnippetStore; now: () => number }) {
    this.db = deps.db;
    this.emailRenderer = deps.emailRenderer;
    this.contacts = deps.contacts;
    this.snippets = deps.snippets;
    this.now = deps.now;
    this.triggers = new PreviewTriggers(deps.db);
  }

  /** Custom attribute names found on (a sample of) the workspace's contacts. */
  knownAttributes(): Set<string> {
    const keys = this.db
      .prepare(`SELECT DISTINCT j.key FROM (SELECT attributes FROM contacts ORDER BY id LIMIT 5000) c, json_each(${readableJsonSql('c.attributes')}) j`)
      .pluck()
      .all() as string[];
    return new Set(keys);
  }

  lint(template: Template): Promise<LintFinding[]> {
    return lintTemplate(template, { renderer: this.emailRenderer.templateRenderer, snippet: (name) => this.snippets.body(name), knownAttributes: this.knownAttributes() });
  }

  /** A preview: the render (or its error) beside the lint findings. */
  async preview(input: PreviewInput): Promise<PreviewResult> {
    const lint = await this.lint(input.template);
    return { ...(await this.render(input)), lint };
  }

  /**
   * Renders a template as the preview shows it: for a stored contact (with their own trigger event) or the sample
   * one. A template error is returned as data, not thrown; an unknown contact or journey is an ApiError.
   */
  async render(input: PreviewInput): Promise<Omit<PreviewResult, 'lint'>> {
    const now = input.now ?? this.now();
    let contact: ContactView;
    let warnings: string[] = [];
    if (input.contactId !== undefined) {
      const found = this.contacts.one(input.contactId, now);
      if (!found) throw new ApiError('not-found', `no contact with the id ${input.contactId}`);
      contact = found.view;
      warnings = found.unreadable;
    } else {
      contact = sampleContact(now, input.template.document.locale);
    }
    const { properties: trigger, shown } = this.triggers.choose({
      templateId: input.template.id,
      contact,
      stored: input.contactId !== undefined,
      now,
      trigger: input.trigger,
      triggerEvent: input.triggerEvent,
      journeyId: input.journeyId,
    });
    const who = { id: typeof contact.id === 'number' ? contact.id : null, email: contact.email, name: displayName(contact), tags: [...contact.tags].sort(), warnings };
    const batch = await this.emailRenderer.prepare([input.template], now);
    try {
      const email = batch.render(input.template.id, { contact, trigger, unsubscribeUrl: input.unsubscribeUrl ?? previewUnsubscribeUrl, now });
      return { email, error: null, contact: who, trigger: shown };
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      return { email: null, error: error.toJSON(), contact: who, trigger: shown };
    }
  }

  contactsMatching(search: string, limit: number): PreviewContact[] {
    const term = search.trim();
    const like = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = this.db
      .prepare(
        `SELECT c.id, c.email, c.first_name, c.last_name, c.locale,
                c.tags
           FROM contacts c
          WHERE ? = '' OR c.email LIKE ? ESCAPE '\\' OR (coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '')) LIKE ? ESCAPE '\\'
                OR ${hasTagSql('lower(c.tags)', 'lower(?)')}
          ORDER BY c.email
          LIMIT ?`,
      )
      .all(term, like, like, term, limit) as Array<{ id: number; email: string; first_name: string | null; last_name: string | null; locale: string | null; tags: string }>;
    return rows.map((row) => ({
      id: row.id,
      email: row.email,
      name: [row.first_name, row.last_name].filter(Boolean).join(' ') || row.email,
      tags: decodeTags(row.tags),
      locale: row.locale,
    }));
  }
}

/** A draft from the editor as a template: its own id and name when it has them. */
export const draftTemplate = (draft: { id?: string; name?: string; document: TemplateDocument }): Template => ({
  id: draft.id ?? 't_draft',
  name: draft.name?.trim() || 'Draft',
  document: draft.document,
});
