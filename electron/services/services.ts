import type { Db } from '../store/database.ts';
import { JourneyStore } from './journeys/journeyStore.ts';
import { TemplateStore } from './templates/templateStore.ts';
import { ContactStore } from './contacts/contactStore.ts';
import { SegmentStore } from './segments/segmentStore.ts';
import { ImportManager } from './import/importManager.ts';
import { SnippetStore } from './templates/snippetStore.ts';
import { EmailRenderer } from './templates/emailRenderer.ts';
import { TemplatePreview } from './templates/templatePreview.ts';
import { ForecastJobs } from './simulation/forecastJobs.ts';
import { ResultsService } from './results/resultsService.ts';
import { EnvironmentSecretStore, type SecretStore } from './engine/secretStore.ts';
import { DecisionInputs } from './decisions/decisionInputs.ts';
import { sourcePreparationWorker } from './engine/preparationThread.ts';
import { PickedFiles } from './pickedFiles.ts';

/** What the handlers need, built once per open database. Tests build it on a temporary file. */
export interface Services {
  db: Db;
  databasePath: string;
  now: () => number;
  journeys: JourneyStore;
  templates: TemplateStore;
  contacts: ContactStore;
  segments: SegmentStore;
  imports: ImportManager;
  snippets: SnippetStore;
  /**
   * Every email rendered for a contact (sends, simulations, previews, test sends, the CLI) is rendered here, so all
   * of them agree; parsed templates are cached in it, snippets come from this store.
   */
  emailRenderer: EmailRenderer;
  templatePreview: TemplatePreview;
  /** What a decision sees about a contact, for every host of the interpreter (engine, simulator, forecast). */
  decisions: DecisionInputs;
  /** Audience forecasts running in the background, by job id. */
  forecasts: ForecastJobs;
  results: ResultsService;
  /** The files the user picked in the desktop app's dialogs; the only files the page's calls can name. */
  pickedFiles: PickedFiles;
  /** Where the SMTP password lives; the desktop app swaps in its keychain-backed store. */
  secrets: SecretStore;
  /**
   * The engine's delivery thread script (engine/preparationWorker.ts), which renders and composes emails beside the
   * decisions; null prepares them in the engine's thread. The Electron main sets its bundle's.
   */
  deliveryWorker: URL | string | null;
}

export function createServices(db: Db, databasePath: string, now: () => number = Date.now): Services {
  const snippets = new SnippetStore(db, now);
  const templates = new TemplateStore(db, now);
  const emailRenderer = new EmailRenderer({ db, templates, snippets });
  const decisions = new DecisionInputs(db);
  return {
    db,
    databasePath,
    now,
    journeys: new JourneyStore(db, now),
    templates,
    contacts: new ContactStore(db, now),
    segments: new SegmentStore(db, now),
    imports: new ImportManager(db, databasePath, now),
    snippets,
    emailRenderer,
    templatePreview: new TemplatePreview({ db, emailRenderer, contacts: decisions.contacts(), snippets, now }),
    decisions,
    forecasts: new ForecastJobs(db),
    results: new ResultsService(db, new JourneyStore(db, now), now),
    pickedFiles: new PickedFiles(),
    secrets: new EnvironmentSecretStore(),
    deliveryWorker: sourcePreparationWorker(),
  };
}
