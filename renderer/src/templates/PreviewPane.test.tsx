import { beforeEach, describe, expect, it } from 'vitest';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createClient } from '../../../shared/api/client.ts';
import type { PreviewContact, PreviewResult } from '../../../shared/api/calls/templates.ts';
import { setApi } from '../api/client.ts';
import { PreviewPane } from './PreviewPane.tsx';
import { useTemplateEditor } from './templateEditorStore.ts';

const rendered: PreviewResult = {
  email: { subject: 'Hi Ada', preheader: 'Saved for you', html: '<p>Hi Ada</p>', text: 'Hi Ada', fromName: 'Shop', fromEmail: 'hello@shop.example', replyTo: '', locale: 'en', unknownVariables: ['frist_name'] },
  error: null,
  lint: [{ rule: 'image-without-alt', severity: 'warning', message: 'an image has no alt text', part: 'body', locale: 'en', line: 3, column: 5 }],
  contact: { id: 1, email: 'ada@example.com', name: 'Ada', tags: ['vip'], warnings: [] },
  trigger: { source: 'contact-event', event: 'added_to_cart', at: Date.UTC(2026, 4, 3, 12), journey: 'Cart abandonment', contactEvents: ['added_to_cart', 'purchased'] },
};

const contacts: PreviewContact[] = [{ id: 1, email: 'ada@example.com', name: 'Ada Lovelace', tags: ['vip'], locale: 'en-GB' }];

beforeEach(() => {
  setApi(
    createClient(async (name) => {
      if (name === 'templates.previewContacts') return { ok: true, value: contacts };
      return { ok: false, error: { code: 'unsupported', message: `not in this test: ${name}` } };
    }),
  );
  useTemplateEditor.setState({ preview: null, previewError: null, contact: null, triggerEvent: '', width: 'desktop' });
});

describe('template preview pane', () => {
  it('shows the subject, preheader, the email in a sandboxed frame, unknown variables and the checks', () => {
    useTemplateEditor.setState({ preview: rendered });
    render(<PreviewPane />);
    expect(screen.getByTestId('preview-subject').textContent).toBe('Hi Ada');
    expect(screen.getByTestId('preview-preheader').textContent).toBe('Saved for you');
    const frame = screen.getByTitle('Email preview');
    expect(frame.getAttribute('sandbox')).toBe('');
    expect(frame.getAttribute('srcdoc')).toBe('<p>Hi Ada</p>');
    expect(screen.getByText(/rendered empty: frist_name/)).toBeTruthy();
    const findings = screen.getByRole('list', { name: 'Lint findings' });
    expect(within(findings).getByText(/body, line 3, column 5/)).toBeTruthy();
  });

  it('says which of the contact’s stored values were left out of the render', () => {
    const warning = 'the custom attributes stored for this contact cannot be read: "deep", stored by an older version, is nested too deep; …';
    useTemplateEditor.setState({ preview: { ...rendered, contact: { ...rendered.contact, warnings: [warning] } } });
    render(<PreviewPane />);
    expect(screen.getByRole('status').textContent).toBe(warning);
  });

  it('shows a template error with its part, line and column instead of the email', () => {
    useTemplateEditor.setState({ preview: { ...rendered, email: null, error: { message: 'tag {% if x %} not closed', line: 2, column: 4, part: 'body', kind: 'syntax' } } });
    render(<PreviewPane />);
    expect(screen.getByRole('alert').textContent).toBe('Error in the body, line 2, column 4: tag {% if x %} not closed');
    expect(screen.queryByTitle('Email preview')).toBeNull();
  });

  it('switches to the mobile width, and picks a contact from a search', async () => {
    useTemplateEditor.setState({ preview: rendered });
    const user = userEvent.setup();
    render(<PreviewPane />);
    await user.click(screen.getByRole('button', { name: 'Mobile' }));
    expect((screen.getByTitle('Email preview') as HTMLIFrameElement).style.width).toBe('375px');
    await user.type(screen.getByRole('searchbox', { name: 'Search contacts to preview' }), 'ada');
    const option = await screen.findByRole('button', { name: /Ada Lovelace/ });
    await act(async () => user.click(option));
    expect(useTemplateEditor.getState().contact).toEqual({ id: 1, label: 'Ada Lovelace <ada@example.com>' });
    expect(screen.getByTestId('preview-contact').textContent).toBe('Ada Lovelace <ada@example.com>');
  });

  it("says which event stood for the trigger, and lets the user pick another of the contact's events", async () => {
    useTemplateEditor.setState({ preview: rendered });
    const user = userEvent.setup();
    const { rerender } = render(<PreviewPane />);
    expect(screen.getByTestId('preview-trigger').textContent).toMatch(/this contact's latest added_to_cart \(.*2026.*\), the trigger of “Cart abandonment”/);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Trigger event' }), 'purchased');
    expect(useTemplateEditor.getState().triggerEvent).toBe('purchased');
    useTemplateEditor.setState({ preview: { ...rendered, trigger: { source: 'sample', event: 'purchased', at: null, journey: null, contactEvents: ['added_to_cart'] } } });
    rerender(<PreviewPane />);
    expect(screen.getByTestId('preview-trigger').textContent).toBe('Trigger data: the sample cart: this contact has no purchased event');
    // the picked event stays selectable although this contact lacks it
    expect((screen.getByRole('combobox', { name: 'Trigger event' }) as HTMLSelectElement).value).toBe('purchased');
  });

  it('offers no event choice for the made-up sample contact', () => {
    useTemplateEditor.setState({ preview: { ...rendered, contact: { ...rendered.contact, id: null }, trigger: { source: 'sample', event: null, at: null, journey: null, contactEvents: [] } } });
    render(<PreviewPane />);
    expect(screen.queryByRole('combobox', { name: 'Trigger event' })).toBeNull();
    expect(screen.getByTestId('preview-trigger').textContent).toBe('Trigger data: the sample cart');
  });
});
