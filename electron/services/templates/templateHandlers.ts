import type { Handlers } from '../../../shared/api/dispatch.ts';
import type { Services } from '../services.ts';

export function templateHandlers(services: Services): Pick<Handlers, 'templates.list'> {
  return {
    'templates.list': () => services.templates.list(),
  };
}
