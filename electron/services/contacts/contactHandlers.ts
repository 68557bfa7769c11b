import type { Handlers } from '../../../shared/api/dispatch.ts';
import type { CallName } from '../../../shared/api/contract.ts';
import type { Services } from '../services.ts';
import { outboxFolder } from '../engine/createRunner.ts';
import { eraseFromOutbox } from '../engine/senders/outboxSender.ts';
import type { ImportSource } from '../../../shared/api/calls/contacts.ts';
import type { ImportFrom } from '../import/importManager.ts';

type ContactCall = Extract<CallName, `contacts.${string}`>;

export function contactHandlers(services: Services): Pick<Handlers, ContactCall> {
  const { contacts, imports, segments } = services;
  const importFrom = (source: ImportSource): ImportFrom => ('picked' in source ? { path: services.pickedFiles.resolve(source.picked, 'read') } : source);
  return {
    'contacts.list': ({ segmentId, ...options }) => contacts.list({ ...options, where: segmentId ? segments.membershipFilter(segmentId) : undefined }),
    'contacts.get': ({ id, eventLimit }) => contacts.get(id, eventLimit),
    'contacts.events': ({ id, name, limit }) => contacts.events(id, name, limit),
    'contacts.update': (input) => contacts.update(input),
    'contacts.forget': ({ id }) => {
      // The outbox keeps a copy of every email sent: erasure removes the contact's too.
      eraseFromOutbox(outboxFolder(services.databasePath), contacts.forget(id));
      return { deleted: true as const };
    },
    'contacts.export': ({ id }) => contacts.export(id),
    'contacts.attributeNames': () => contacts.attributeNames(),
    'contacts.suppressions': () => contacts.suppressions(),
    'contacts.suppress': ({ email, reason }) => {
      contacts.suppress(email, reason);
      return { email: email.toLowerCase() };
    },
    'contacts.unsuppress': ({ email }) => {
      contacts.unsuppress(email);
      return { email };
    },
    'contacts.upload': (input) => imports.upload(input),
    'contacts.previewImport': ({ kind, source, encoding, delimiter }) => imports.preview(kind, importFrom(source), { encoding, delimiter }),
    'contacts.startImport': ({ kind, source, mapping, encoding, delimiter, badCells }) => imports.start(kind, importFrom(source), mapping, { encoding, delimiter, badCells }),
    'contacts.importStatus': ({ runId }) => imports.status(runId),
    'contacts.cancelImport': ({ runId }) => imports.cancel(runId),
    'contacts.importRuns': ({ limit }) => imports.runs(limit),
    'contacts.importReportCsv': ({ runId }) => imports.reportCsv(runId),
  };
}
