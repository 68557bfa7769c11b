import type { Handlers } from '../../../shared/api/dispatch.ts';
import type { Services } from '../services.ts';

export function segmentHandlers(services: Services): Pick<Handlers, 'segments.list' | 'segments.get' | 'segments.save' | 'segments.delete' | 'segments.preview' | 'segments.saveStatic'> {
  const { segments } = services;
  return {
    'segments.list': () => segments.list(),
    'segments.get': ({ id }) => segments.get(id),
    'segments.save': (input) => segments.save(input),
    'segments.delete': ({ id }) => {
      segments.delete(id);
      return { deleted: true as const };
    },
    'segments.preview': ({ rule, sampleSize }) => segments.preview(rule, sampleSize),
    'segments.saveStatic': ({ name, rule }) => segments.saveStatic(name, rule),
  };
}
