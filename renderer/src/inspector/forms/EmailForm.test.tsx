import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createClient } from '../../../../shared/api/client.ts';
import { dispatch } from '../../../../shared/api/dispatch.ts';
import type { TemplateSummary } from '../../../../shared/api/calls/templates.ts';
import { ContactWriter } from '../../../../electron/services/contacts/contactWriter.ts';
import { tempWorkspace } from '../../../../test/helpers/workspace.ts';
import { setApi } from '../../api/client.ts';
import { usePreviewContact } from '../previewContactStore.ts';
import { InspectorHarness, last } from '../testHarness.tsx';

/**
 * The form against the real handlers over a temporary workspace: the rendered subject is Liquid run by the real
 * renderer for the sample contact (Alex) or a stored one. `slowPreviewOf` delays the answers for one template, to
 * show that an older, slower answer never replaces a newer one.
 */
let ws: ReturnType<typeof tempWorkspace>;
let templates: TemplateSummary[];
const previewCalls: string[] = [];
let slowPreviewOf: string | null = null;
const doc = (subject: string, preheader = '') => ({ fromName: '', fromEmail: '', replyTo: '', format: 'html' as const, locale: 'en', content: { subject, preheader, body: '<p>Hi</p>', text: '' }, variants: {} });

beforeAll(async () => {
  ws = tempWorkspace();
  // the harness's sample templates, with Liquid in them
  ws.services.templates.create('Cart reminder 1', doc('{{ first_name }}, you left something behind', 'Your cart is waiting, {{ first_name }}'), 't_cart_1');
  ws.services.templates.create('Cart reminder 2', doc('Still thinking it over, {{ first_name }}?'), 't_cart_2');
  ws.services.templates.create('Broken', doc('{% if first_name %}Hi {{ first_name }}'), 't_broken');
  new ContactWriter(ws.services.db).upsertContact({ email: 'maya@example.com', first_name: 'Maya', last_name: 'Patel', tags: ['vip'] });
  templates = await ws.client['templates.list']({});
  setApi(
    createClient(async (name, input) => {
      if (name === 'templates.preview') {
        const id = (input as { template: { id?: string } }).template.id ?? '';
        previewCalls.push(id);
        if (id === slowPreviewOf) await new Promise((resolve) => setTimeout(resolve, 600));
      }
      return dispatch(ws.handlers, name, input);
    }),
  );
});
afterAll(() => ws.close());
beforeEach(() => {
  usePreviewContact.setState({ contact: null });
  previewCalls.length = 0;
  slowPreviewOf = null;
});

describe('EmailForm', () => {
  it('picks a template and shows its subject and preheader', async () => {
    const seen: Array<Record<string, unknown>> = [];
    render(<InspectorHarness kind="email" seen={seen} />);
    expect(screen.getByText('choose a template')).toBeTruthy();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Template' }), 'Cart reminder 1');
    expect(last(seen)).toEqual({ templateId: 't_cart_1', sendWindow: null });
    expect(screen.getByText('You left something behind')).toBeTruthy();
    expect(screen.getByText('Your cart is waiting')).toBeTruthy();
    expect(screen.queryByText('choose a template')).toBeNull();
  });

  it('sends only between chosen hours, refusing an empty window', async () => {
    const seen: Array<Record<string, unknown>> = [];
    render(<InspectorHarness kind="email" seen={seen} />);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Send only between certain hours' }));
    const until = screen.getByRole('spinbutton', { name: 'Until hour' });
    await userEvent.clear(until);
    await userEvent.type(until, '9');
    expect(screen.getByText('the window must not be empty')).toBeTruthy();
    await userEvent.clear(until);
    await userEvent.type(until, '17');
    expect(last(seen)).toEqual({ templateId: '', sendWindow: { startHour: 9, endHour: 17 } });
  });

  it("shows 'New template…' only when the app gives a way to create one", async () => {
    const { unmount } = render(<InspectorHarness kind="email" seen={[]} />);
    expect(screen.queryByRole('button', { name: 'New template…' })).toBeNull();
    unmount();
    const onCreateTemplate = vi.fn();
    render(<InspectorHarness kind="email" seen={[]} onCreateTemplate={onCreateTemplate} />);
    await userEvent.click(screen.getByRole('button', { name: 'New template…' }));
    expect(onCreateTemplate).toHaveBeenCalledOnce();
  });

  it('shows the subject and preheader rendered for the sample contact, then for a chosen contact', async () => {
    const user = userEvent.setup();
    render(<InspectorHarness kind="email" seen={[]} templates={templates} />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Template' }), 'Cart reminder 1');
    // the raw subject, then the sample contact's
    expect(within(screen.getByLabelText('Template preview')).getByText('{{ first_name }}, you left something behind')).toBeTruthy();
    expect((await screen.findByTestId('rendered-subject')).textContent).toBe('Alex, you left something behind');
    expect(screen.getByTestId('rendered-preheader').textContent).toBe('Your cart is waiting, Alex');
    expect(screen.getByText('Subject for the sample contact')).toBeTruthy();
    expect(screen.getByTestId('preview-contact').textContent).toBe('Sample contact');

    await user.type(screen.getByRole('searchbox', { name: 'Preview contact' }), 'maya');
    await user.click(await screen.findByRole('button', { name: /Maya Patel/ }));
    expect(screen.getByTestId('preview-contact').textContent).toBe('Maya Patel');
    await screen.findByText('Subject for Maya Patel');
    expect(screen.getByTestId('rendered-subject').textContent).toBe('Maya, you left something behind');
    expect(screen.getByTestId('rendered-preheader').textContent).toBe('Your cart is waiting, Maya');

    // another email step keeps the chosen contact; the other template renders for Maya too
    await user.selectOptions(screen.getByRole('combobox', { name: 'Template' }), 'Cart reminder 2');
    await waitFor(() => expect(screen.getByTestId('rendered-subject').textContent).toBe('Still thinking it over, Maya?'));

    await user.click(screen.getByRole('button', { name: 'Use the sample contact' }));
    await waitFor(() => expect(screen.getByTestId('rendered-subject').textContent).toBe('Still thinking it over, Alex?'));
  });

  it('shows a template error with its line and column instead of a subject', async () => {
    const user = userEvent.setup();
    render(<InspectorHarness kind="email" seen={[]} templates={templates} />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Template' }), 'Broken');
    const alert = await screen.findByTestId('rendered-subject-error');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toMatch(/^Error in the subject, line 1, column \d+: .*if/);
    expect(screen.queryByTestId('rendered-subject')).toBeNull();
  });

  it('never lets an older, slower answer replace the latest', async () => {
    const user = userEvent.setup();
    render(<InspectorHarness kind="email" seen={[]} templates={templates} />);
    slowPreviewOf = 't_cart_1';
    await user.selectOptions(screen.getByRole('combobox', { name: 'Template' }), 'Cart reminder 1');
    await waitFor(() => expect(previewCalls).toEqual(['t_cart_1']));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Template' }), 'Cart reminder 2');
    await waitFor(() => expect(screen.getByTestId('rendered-subject').textContent).toBe('Still thinking it over, Alex?'));
    // the slow answer for the first template arrives now, and is dropped
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(screen.getByTestId('rendered-subject').textContent).toBe('Still thinking it over, Alex?');
    expect(previewCalls).toEqual(['t_cart_1', 't_cart_2']);
  });
});
