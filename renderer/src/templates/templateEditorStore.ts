import { create } from 'zustand';
import type { PreviewResult, TestEmailResult } from '../../../shared/api/calls/templates.ts';
import type { TemplateContent, TemplateDocument } from '../../../shared/templates/template.ts';
import { api } from '../api/client.ts';

/** 'default' is the template's own content; any other key is a locale variant. */
export type ContentKey = 'default' | string;
export type PreviewWidth = 'desktop' | 'mobile';
/** Who the preview is for: a stored contact, or the made-up sample one. */
export type PreviewContactChoice = { id: number; label: string } | null;

interface TemplateEditorState {
  id: string | null;
  name: string;
  document: TemplateDocument | null;
  /** The document and name as last saved, to tell whether there are unsaved changes. */
  saved: string;
  error: string | null;
  saving: boolean;
  active: ContentKey;
  contact: PreviewContactChoice;
  /** The event whose latest occurrence stands for the trigger in a stored contact's preview; '' for the journey's. */
  triggerEvent: string;
  width: PreviewWidth;
  preview: PreviewResult | null;
  /** The preview call itself failed (e.g. a document that does not validate). */
  previewError: string | null;
  /** Where 'Send a test' sends, and how the last one went. */
  testAddress: string;
  testSend: { status: 'sending' | 'sent' | 'failed'; message: string } | null;
  load(id: string): Promise<void>;
  setName(name: string): void;
  setDocument(change: Partial<Omit<TemplateDocument, 'content' | 'variants'>>): void;
  setContent(change: Partial<TemplateContent>): void;
  addVariant(locale: string): void;
  removeVariant(locale: string): void;
  setActive(key: ContentKey): void;
  setContact(contact: PreviewContactChoice): void;
  setTriggerEvent(event: string): void;
  setWidth(width: PreviewWidth): void;
  save(): Promise<void>;
  refreshPreview(): Promise<void>;
  setTestAddress(address: string): void;
  sendTest(): Promise<void>;
}

const message = (error: unknown) => {
  if (!(error instanceof Error)) return String(error);
  const issues = (error as { issues?: Array<{ path: string; message: string }> }).issues;
  return issues?.length ? issues.map((i) => `${i.path}: ${i.message}`).join('; ') : error.message;
};
const snapshot = (name: string, document: TemplateDocument | null) => JSON.stringify([name, document]);

/** The template being edited, the preview's contact and width, and the last preview. */
export const useTemplateEditor = create<TemplateEditorState>((set, get) => ({
  id: null,
  name: '',
  document: null,
  saved: '',
  error: null,
  saving: false,
  active: 'default',
  contact: null,
  triggerEvent: '',
  width: 'desktop',
  preview: null,
  previewError: null,
  testAddress: '',
  testSend: null,

  async load(id) {
    set({ id, document: null, preview: null, error: null, previewError: null, active: 'default' });
    try {
      const template = await api()['templates.get']({ id });
      set({ name: template.name, document: template.document, saved: snapshot(template.name, template.document) });
    } catch (error) {
      set({ error: message(error) });
    }
  },
  setName: (name) => set({ name }),
  setDocument(change) {
    const document = get().document;
    if (document) set({ document: { ...document, ...change } });
  },
  setContent(change) {
    const { document, active } = get();
    if (!document) return;
    if (active === 'default') set({ document: { ...document, content: { ...document.content, ...change } } });
    else set({ document: { ...document, variants: { ...document.variants, [active]: { ...document.variants[active], ...change } } } });
  },
  addVariant(locale) {
    const document = get().document;
    if (!document || !locale || locale === document.locale || document.variants[locale]) return;
    // a new language starts as a copy of the default content, to be translated
    set({ document: { ...document, variants: { ...document.variants, [locale]: { ...document.content } } }, active: locale });
  },
  removeVariant(locale) {
    const document = get().document;
    if (!document) return;
    const variants = { ...document.variants };
    delete variants[locale];
    set({ document: { ...document, variants }, active: 'default' });
  },
  setActive: (active) => set({ active }),
  setContact: (contact) => set({ contact }),
  setTriggerEvent: (triggerEvent) => set({ triggerEvent }),
  setWidth: (width) => set({ width }),

  async save() {
    const { id, name, document } = get();
    if (!id || !document) return;
    set({ saving: true, error: null });
    try {
      const template = await api()['templates.update']({ id, name, document });
      set({ saving: false, name: template.name, document: template.document, saved: snapshot(template.name, template.document) });
    } catch (error) {
      set({ saving: false, error: message(error) });
    }
  },

  async refreshPreview() {
    const { id, name, document, contact, triggerEvent } = get();
    if (!document) return;
    try {
      const preview = await api()['templates.preview']({ template: { id: id ?? undefined, name, document }, contactId: contact?.id, triggerEvent: triggerEvent || undefined });
      // a slower, older answer must not replace a newer one
      if (get().document === document && get().contact === contact && get().triggerEvent === triggerEvent) set({ preview, previewError: null });
    } catch (error) {
      if (get().document === document) set({ previewError: message(error) });
    }
  },

  setTestAddress: (testAddress) => set({ testAddress }),

  async sendTest() {
    const { id, name, document, contact, triggerEvent, testAddress } = get();
    if (!document) return;
    set({ testSend: { status: 'sending', message: `Sending to ${testAddress.trim()}…` } });
    try {
      const result = await api()['templates.sendTest']({
        template: { id: id ?? undefined, name, document },
        to: testAddress.trim(),
        contactId: contact?.id,
        triggerEvent: triggerEvent || undefined,
      });
      set({ testSend: { status: 'sent', message: sentMessage(result) } });
    } catch (error) {
      set({ testSend: { status: 'failed', message: message(error) } });
    }
  },
}));

/** What the user reads after a test went out: the subject as sent, where to and how. */
const sentMessage = (r: TestEmailResult) =>
  r.sender === 'smtp'
    ? `Sent “${r.subject}” to ${r.to} through the SMTP server (rendered for ${r.renderedFor}).`
    : `“${r.subject}” for ${r.to} is in the outbox${r.location ? `: ${r.location}` : ''} (rendered for ${r.renderedFor}). Choose SMTP in the sending settings to deliver it.`;

export const isDirty = (s: Pick<TemplateEditorState, 'name' | 'document' | 'saved'>) => s.document !== null && snapshot(s.name, s.document) !== s.saved;

/** The content being edited: the default one or a variant's. */
export const activeContent = (s: Pick<TemplateEditorState, 'document' | 'active'>): TemplateContent | null =>
  !s.document ? null : s.active === 'default' ? s.document.content : (s.document.variants[s.active] ?? s.document.content);
