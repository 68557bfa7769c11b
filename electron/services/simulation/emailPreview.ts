import type { Db } from '../../store/database.ts';
import type { ContactView } from '../../../shared/rules/contactView.ts';
import type { SimulatedEmail } from '../../../shared/simulation/output.ts';
import type { Template } from '../../../shared/templates/template.ts';
import type { RfmCuts } from '../../../shared/rules/population.ts';
import { TemplateRenderer } from '../templates/render.ts';
import type { TemplateStore } from '../templates/templateStore.ts';
import { rfmCutsForTemplate } from '../templates/templateRfmCuts.ts';

export interface PreviewInput {
  messageKey: string;
  templateId: string;
  contact: ContactView;
  trigger: Record<string, unknown>;
  journey: { id: string; name: string; stepId: string };
  at: number;
  /** The workspace's RFM cuts for this template, from prepare(). */
  rfmCuts: RfmCuts | undefined;
}

/**
 * Renders simulated emails with the templates engineer's renderer, exactly as the contact would get them.
 * The unsubscribe link is a placeholder: a simulation has no real recipient to unsubscribe.
 */
export class EmailPreview {
  private static readonly perDatabase = new WeakMap<Db, EmailPreview>();

  /** One preview per open database, so template parses survive between simulations (re-run on every edit). */
  static for(db: Db, templates: TemplateStore): EmailPreview {
    let preview = EmailPreview.perDatabase.get(db);
    if (!preview) EmailPreview.perDatabase.set(db, (preview = new EmailPreview(db, templates)));
    return preview;
  }

  private readonly renderer: TemplateRenderer;
  private readonly db: Db;
  private readonly templates: TemplateStore;
  /** Templates by id, with the version they were loaded at: the renderer caches its parse per template object. */
  private readonly cache = new Map<string, { version: string; template: Template | Error }>();
  private readonly versionOf;

  constructor(db: Db, templates: TemplateStore) {
    const snippet = db.prepare('SELECT body FROM snippets WHERE name = ?').pluck();
    this.renderer = new TemplateRenderer({ snippet: (name) => snippet.get(name) as string | undefined });
    this.db = db;
    this.templates = templates;
    // A snippet edit changes what a template renders too, so it counts as a new version.
    this.versionOf = db
      .prepare(`SELECT (SELECT updated_at FROM templates WHERE id = ?) || '/' || (SELECT COALESCE(MAX(updated_at), 0) FROM snippets)`)
      .pluck();
  }

  /**
   * Loads (and compiles, for MJML) the templates a simulation will render, unless already loaded unchanged, and
   * returns the RFM cuts of those that read `rfm_group`, taken at `now` (the simulation's start, the moment its
   * conditions' population statistics are taken too, so an email and a condition agree on the contact's group).
   */
  async prepare(templateIds: Iterable<string>, now: number): Promise<Map<string, RfmCuts | undefined>> {
    const cuts = new Map<string, RfmCuts | undefined>();
    for (const id of templateIds) {
      await this.load(id);
      const template = this.cache.get(id)?.template;
      if (template && !(template instanceof Error)) cuts.set(id, rfmCutsForTemplate(this.db, this.renderer, template, now));
    }
    return cuts;
  }

  private async load(id: string): Promise<void> {
    const version = String(this.versionOf.get(id));
    if (this.cache.get(id)?.version === version) return;
    try {
      const template = this.templates.get(id);
      await this.renderer.prepare(template);
      this.cache.set(id, { version, template });
    } catch (error) {
      this.cache.set(id, { version, template: error instanceof Error ? error : new Error(String(error)) });
    }
  }

  render(input: PreviewInput): SimulatedEmail {
    const base = { messageKey: input.messageKey, templateId: input.templateId, to: input.contact.email };
    const template = this.cache.get(input.templateId)?.template;
    if (!template) return { ...base, subject: `(template ${input.templateId})`, html: null, text: null, rendered: false, note: 'template not loaded' };
    if (template instanceof Error) {
      return { ...base, subject: `(template ${input.templateId})`, html: null, text: null, rendered: false, note: template.message };
    }
    try {
      const email = this.renderer.render({
        template,
        contact: input.contact,
        trigger: input.trigger,
        journey: input.journey,
        unsubscribeUrl: 'https://unsubscribe.invalid/simulation',
        now: input.at,
        rfmCuts: input.rfmCuts,
      });
      return { ...base, subject: email.subject, html: email.html, text: email.text, rendered: true, note: null };
    } catch (error) {
      return {
        ...base,
        subject: template.document.content.subject,
        html: null,
        text: null,
        rendered: false,
        note: `could not render: ${error instanceof Error ? error.message : String(error)} (raw subject shown)`,
      };
    }
  }
}
