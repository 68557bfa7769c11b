import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { EmailPreparation } from './emailPreparation.ts';
import type { PreparationReply, PreparationRequest, PreparationTask } from './preparationThread.ts';
import { EmailRenderer } from '../templates/emailRenderer.ts';
import { TemplateStore } from '../templates/templateStore.ts';
import { SnippetStore } from '../templates/snippetStore.ts';
import { DecisionInputs } from '../decisions/decisionInputs.ts';
import { JourneyCatalog } from './journeyCatalog.ts';
import { UnsubscribeLinks } from './unsubscribe.ts';
import { readSendingSettings } from './sendingSettings.ts';

/**
 * The delivery thread (preparationThread.ts starts it): on its own read-only connection to the workspace file it
 * prepares each batch of queued emails exactly as delivery in the engine's thread would (EmailPreparation: consent,
 * render, compose) and sends the outcomes back. It writes nothing: the engine's thread sends and marks.
 */
const task = workerData as PreparationTask;
const db = new Database(task.databasePath, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const preparation = new EmailPreparation({
  emailRenderer: new EmailRenderer({ db, templates: new TemplateStore(db), snippets: new SnippetStore(db) }),
  contacts: new DecisionInputs(db).contacts(),
  catalog: new JourneyCatalog(db),
  links: new UnsubscribeLinks(db),
  settings: () => readSendingSettings(db),
});

parentPort!.on('message', (request: PreparationRequest) => {
  const reply = (message: PreparationReply) => parentPort!.postMessage(message);
  preparation.prepareBatch(request.rows, request.now).then(
    (prepared) => reply({ id: request.id, prepared }),
    (error: unknown) => reply({ id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
