import type { Handlers } from '../../../shared/api/dispatch.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import type { Services } from '../services.ts';
import { EngineQueries } from './engineQueries.ts';
import { engineStatus } from './engineLease.ts';
import { JourneyCatalog } from './journeyCatalog.ts';
import { JourneyControls } from './journeyControls.ts';
import { readSendingSettings, writeSendingSettings } from './sendingSettings.ts';
import { SecretStoreError } from './secretStore.ts';
import { SendingPause } from './sendingPause.ts';
import { UnsubscribeLinks } from './unsubscribe.ts';

type EngineHandlers = Pick<
  Handlers,
  | 'journeys.pause'
  | 'journeys.resume'
  | 'journeys.stop'
  | 'engine.nodeCounts'
  | 'engine.whereIs'
  | 'engine.outbox'
  | 'engine.status'
  | 'engine.sendingSettings'
  | 'engine.saveSendingSettings'
  | 'engine.sendingStatus'
  | 'engine.resumeSending'
  | 'engine.unsubscribe'
>;

export function engineHandlers(services: Services): EngineHandlers {
  const { db, journeys, secrets } = services;
  const controls = new JourneyControls(db, services.now);
  const queries = new EngineQueries(db, new JourneyCatalog(db));
  const pause = new SendingPause(db);
  const summary = (id: string) => journeys.list().find((j) => j.id === id)!;
  const sendingView = () => ({
    settings: readSendingSettings(db),
    passwordStored: secrets.get('smtp.password') !== undefined,
    bounceMailboxPasswordStored: secrets.get('imap.password') !== undefined,
    secretStore: secrets.description,
    canStorePassword: secrets.canStore,
  });
  return {
    'journeys.pause': ({ id }) => {
      controls.pause(id);
      return summary(id);
    },
    'journeys.resume': ({ id }) => {
      controls.resume(id);
      return summary(id);
    },
    'journeys.stop': ({ id }) => {
      const contactsStopped = controls.stop(id);
      return { journey: summary(id), contactsStopped };
    },
    'engine.nodeCounts': ({ journeyId }) => {
      journeys.get(journeyId);
      return { journeyId, at: services.now(), nodes: queries.nodeCounts(journeyId) };
    },
    'engine.whereIs': ({ contactId, journeyId }) => queries.whereIs(contactId, journeyId),
    'engine.outbox': ({ limit, status }) => queries.outbox(limit, status),
    'engine.status': () => engineStatus(db),
    'engine.sendingSettings': () => sendingView(),
    'engine.saveSendingSettings': ({ settings, password, bounceMailboxPassword }) => {
      if (settings.sender === 'smtp' && !settings.smtp) throw new ApiError('invalid-input', 'choose an SMTP server before sending through SMTP');
      const keep = (name: 'smtp.password' | 'imap.password', value: string | undefined) => {
        if (value === undefined) return;
        try {
          secrets.set(name, value);
        } catch (error) {
          if (error instanceof SecretStoreError) throw new ApiError('refused', error.message);
          throw error;
        }
      };
      keep('smtp.password', password);
      keep('imap.password', bounceMailboxPassword);
      writeSendingSettings(db, settings);
      return sendingView();
    },
    'engine.sendingStatus': () => ({ paused: pause.current() }),
    'engine.resumeSending': () => {
      pause.resume();
      return { paused: null };
    },
    'engine.unsubscribe': ({ token }) => {
      const email = new UnsubscribeLinks(db).unsubscribe(token, services.now());
      if (!email) throw new ApiError('not-found', 'this unsubscribe link is not valid for this workspace');
      return { email };
    },
  };
}
