import type { Db } from '../../store/database.ts';
import type { RfmCuts } from '../../../shared/rules/population.ts';
import type { Template } from '../../../shared/templates/template.ts';
import { TemplateRenderer, type RenderedEmail, type RenderOptions } from './render.ts';
import { StoreRecommender } from './recommendations.ts';
import type { SnippetStore } from './snippetStore.ts';
import type { TemplateStore } from './templateStore.ts';
import { rfmCutsForTemplate } from './templateRfmCuts.ts';
import type { ScopeInput } from './scope.ts';

/**
 * Everything an email depends on besides its template: who gets it, why, from where, and when (the template scope's
 * input; the RFM cuts come from the batch). The unsubscribe link is the contact's own, or a placeholder where no
 * real recipient could use it (previews, simulations).
 */
export type EmailRenderInput = Omit<ScopeInput, 'rfmCuts'>;

interface StoredTemplate {
  /** The stored row as it was read: a changed row is a new version, whatever its updated_at says. */
  row: string;
  template: Template | Error;
}

interface BatchEntry {
  template: Template;
  rfmCuts: RfmCuts | undefined;
}

const notPrepared = (id: string) => new Error(`the template ${id} was not prepared for this batch`);

/**
 * Where renders read snippets (`{% render 'footer' %}`): while a batch renders, the bodies the batch read when it was
 * prepared, one read for the batch instead of a query per render (a snippet saved meanwhile shows from the next
 * batch on, as a saved template does); otherwise, as lint reads them, the store.
 */
class SnippetBodies {
  private readonly store: SnippetStore;
  private current: ReadonlyMap<string, string> | undefined;

  constructor(store: SnippetStore) {
    this.store = store;
  }

  body(name: string): string | undefined {
    return this.current ? this.current.get(name) : this.store.body(name);
  }

  /** Runs a render that reads these bodies. */
  during<T>(bodies: ReadonlyMap<string, string>, render: () => T): T {
    const outside = this.current;
    this.current = bodies;
    try {
      return render();
    } finally {
      this.current = outside;
    }
  }
}

/**
 * Templates made ready for a batch of renders at one moment: loaded, MJML compiled, RFM cuts worked out, the
 * recommender synced. Renders are synchronous from here on.
 */
export class EmailBatch {
  private readonly renderer: TemplateRenderer;
  private readonly entries: ReadonlyMap<string, BatchEntry | Error>;
  private readonly snippetBodies: ReadonlyMap<string, string>;
  private readonly snippets: SnippetBodies;

  constructor(renderer: TemplateRenderer, entries: ReadonlyMap<string, BatchEntry | Error>, snippetBodies: ReadonlyMap<string, string>, snippets: SnippetBodies) {
    this.renderer = renderer;
    this.entries = entries;
    this.snippetBodies = snippetBodies;
    this.snippets = snippets;
  }

  /** The template of this id as the batch has it, or why it has none (not in the store, MJML that fails...). */
  template(id: string): Template | Error {
    const entry = this.entries.get(id);
    if (!entry) return notPrepared(id);
    return entry instanceof Error ? entry : entry.template;
  }

  /**
   * The email this template makes for this contact. Throws TemplateError when the template cannot be parsed or
   * rendered, and the template's own Error when it could not be prepared.
   */
  render(templateId: string, input: EmailRenderInput, options?: RenderOptions): RenderedEmail {
    const entry = this.entries.get(templateId);
    if (!entry) throw notPrepared(templateId);
    if (entry instanceof Error) throw entry;
    return this.snippets.during(this.snippetBodies, () => this.renderer.render({ ...input, template: entry.template, rfmCuts: entry.rfmCuts }, options));
  }
}

/**
 * "This email, rendered for this contact at this moment": the one place that assembles it, for the live engine's
 * sends, the simulator, the editor's preview, test sends and the CLI, so what is tested is what runs. It owns the
 * workspace's TemplateRenderer (snippets from the store, locale variants, computed fields, recommendations from
 * the store's events) and what a batch needs worked out once: templates loaded and compiled, the RFM cuts, the
 * recommender's view of the events. One per workspace, built in createServices.
 */
export class EmailRenderer {
  /**
   * Shared with lint, which reads a template's variables and MJML warnings from the same parse and compile caches.
   * Emails are rendered through prepare(), never with it directly: a render needs what prepare() works out.
   */
  readonly templateRenderer: TemplateRenderer;
  private readonly db: Db;
  private readonly templates: TemplateStore;
  private readonly recommender: StoreRecommender;
  private readonly storedRow;
  private readonly allSnippets;
  /**
   * Stored templates by id, kept between batches: the renderer keeps what a content reads (worked out from its
   * parse) per content object, so an unchanged template stays the same object. Cleared when a snippet changes,
   * since what a template reads includes the snippets it renders.
   */
  private readonly stored = new Map<string, StoredTemplate>();
  private snippetsVersion: string | undefined;
  private readonly snippets: SnippetBodies;

  constructor(deps: { db: Db; templates: TemplateStore; snippets: SnippetStore }) {
    this.db = deps.db;
    this.templates = deps.templates;
    this.recommender = new StoreRecommender(deps.db);
    const snippets = (this.snippets = new SnippetBodies(deps.snippets));
    this.templateRenderer = new TemplateRenderer({
      snippet: (name) => snippets.body(name),
      recommendations: (contact, limit) => this.recommender.recommend(contact, limit),
    });
    this.storedRow = deps.db.prepare(`SELECT name || char(0) || document FROM templates WHERE id = ?`).pluck();
    this.allSnippets = deps.db.prepare('SELECT name, body FROM snippets ORDER BY name').raw();
  }

  /**
   * Makes templates ready to render at `now` (the moment of the RFM cuts and of the recommender's view of the
   * events): ids are loaded from the store, unless loaded before and unchanged; Template objects (an editor's draft,
   * a file) are taken as they are. A template that cannot be loaded or compiled is an Error in the batch, for each
   * caller to report its own way.
   */
  async prepare(templates: Iterable<string | Template>, now: number): Promise<EmailBatch> {
    this.recommender.sync();
    const snippetBodies = this.readSnippets();
    const entries = new Map<string, BatchEntry | Error>();
    for (const wanted of templates) {
      const [id, template] = typeof wanted === 'string' ? [wanted, await this.load(wanted)] : [wanted.id, await this.compiled(wanted)];
      entries.set(id, template instanceof Error ? template : { template, rfmCuts: rfmCutsForTemplate(this.db, this.templateRenderer, template, now) });
    }
    return new EmailBatch(this.templateRenderer, entries, snippetBodies, this.snippets);
  }

  /** Every snippet's body, for a batch's renders; the stored templates are forgotten when any snippet changed. */
  private readSnippets(): ReadonlyMap<string, string> {
    const rows = this.allSnippets.all() as Array<[name: string, body: string]>;
    const version = JSON.stringify(rows);
    if (version !== this.snippetsVersion) this.stored.clear();
    this.snippetsVersion = version;
    return new Map(rows);
  }

  private async load(id: string): Promise<Template | Error> {
    const row = String(this.storedRow.get(id) ?? '');
    const cached = this.stored.get(id);
    if (cached?.row === row) return cached.template;
    let template: Template | Error;
    try {
      template = await this.compiled(this.templates.get(id));
    } catch (error) {
      template = error instanceof Error ? error : new Error(String(error)); // not in the store, or not a valid document
    }
    this.stored.set(id, { row, template });
    return template;
  }

  /** The template with its MJML compiled (MJML 5 compiles asynchronously; renders are synchronous). */
  private async compiled(template: Template): Promise<Template | Error> {
    try {
      await this.templateRenderer.prepare(template);
      return template;
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }
}
