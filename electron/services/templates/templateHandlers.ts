import type { Handlers } from '../../../shared/api/dispatch.ts';
import type { Services } from '../services.ts';
import { starterDocument } from './starterTemplate.ts';
import { draftTemplate } from './templatePreview.ts';
import { sendTestEmail } from './testEmail.ts';

type TemplateHandlers = Pick<
  Handlers,
  | 'templates.list'
  | 'templates.get'
  | 'templates.create'
  | 'templates.update'
  | 'templates.duplicate'
  | 'templates.delete'
  | 'templates.preview'
  | 'templates.lint'
  | 'templates.sendTest'
  | 'templates.previewContacts'
  | 'snippets.list'
  | 'snippets.save'
  | 'snippets.delete'
>;

export function templateHandlers(services: Services): TemplateHandlers {
  const { templates, snippets, templatePreview } = services;
  return {
    'templates.list': () => templates.list(),
    'templates.get': ({ id }) => templates.get(id),
    'templates.create': ({ name, document }) => templates.create(name, document ?? starterDocument()),
    'templates.update': ({ id, name, document }) => templates.update(id, { name, document }),
    'templates.duplicate': ({ id }) => templates.duplicate(id),
    'templates.delete': ({ id }) => {
      templates.delete(id);
      return { deleted: true as const };
    },
    'templates.preview': ({ template, contactId, trigger, triggerEvent, journeyId, now }) =>
      templatePreview.preview({ template: draftTemplate(template), contactId, trigger, triggerEvent, journeyId, now }),
    'templates.sendTest': ({ template, to, contactId, triggerEvent, journeyId }) => sendTestEmail(services, { template: draftTemplate(template), to, contactId, triggerEvent, journeyId }),
    'templates.lint': ({ template }) => templatePreview.lint(draftTemplate(template)),
    'templates.previewContacts': ({ search, limit }) => templatePreview.contactsMatching(search, limit),
    'snippets.list': () => snippets.list(),
    'snippets.save': ({ name, body }) => snippets.save(name, body),
    'snippets.delete': ({ name }) => {
      snippets.delete(name);
      return { deleted: true as const };
    },
  };
}
