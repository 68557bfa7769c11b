import { useEffect, useState } from 'react';
import type { RenderedEmailShape, TemplateErrorShape } from '../../../shared/api/calls/templates.ts';
import { api } from '../api/client.ts';

type Answer =
  | { state: 'rendered'; email: Pick<RenderedEmailShape, 'subject' | 'preheader'> }
  | { state: 'template-error'; error: TemplateErrorShape }
  | { state: 'failed'; message: string };

export type RenderedSubject = { state: 'idle' } | { state: 'loading' } | Answer;

/** Long enough that flicking through templates or contacts asks once, short enough to feel live. */
const DEBOUNCE_MS = 200;

/**
 * The stored template's subject and preheader rendered for a contact (null: the sample contact), asked again a
 * moment after the template, its version or the contact changes; an answer to an older question is dropped.
 */
export function useRenderedSubject(templateId: string, version: number | undefined, contactId: number | null): RenderedSubject {
  const question = `${templateId}\u0000${version ?? ''}\u0000${contactId ?? 'sample'}`;
  // each answer remembers its question, so one contact's subject never shows under another's name
  const [answer, setAnswer] = useState<{ question: string; answer: Answer } | null>(null);
  useEffect(() => {
    if (!templateId) return;
    let current = true;
    const answered = (next: Answer) => current && setAnswer({ question, answer: next });
    const timer = setTimeout(() => {
      void (async () => {
        try {
          const client = api();
          const template = await client['templates.get']({ id: templateId });
          const preview = await client['templates.preview']({
            template: { id: template.id, name: template.name, document: template.document },
            contactId: contactId ?? undefined,
          });
          if (preview.error) answered({ state: 'template-error', error: preview.error });
          else if (preview.email) answered({ state: 'rendered', email: preview.email });
        } catch (e) {
          answered({ state: 'failed', message: e instanceof Error ? e.message : String(e) });
        }
      })();
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [question, templateId, contactId]);
  if (!templateId) return { state: 'idle' };
  return answer?.question === question ? answer.answer : { state: 'loading' };
}
