import type { Db } from '../../store/database.ts';
import type { TemplateStore } from '../templates/templateStore.ts';

/**
 * The workspace's template and segment ids, which a journey's references are checked against. A module of its
 * own, taking only what it reads rather than all the services, so that the simulator and the results (which the
 * services hold) can use it without importing the API handlers or the services.
 */
export function validationContext(services: { db: Db; templates: Pick<TemplateStore, 'ids'> }) {
  const segmentIds = new Set(services.db.prepare('SELECT id FROM segments').pluck().all() as string[]);
  return { templateIds: services.templates.ids(), segmentIds };
}
