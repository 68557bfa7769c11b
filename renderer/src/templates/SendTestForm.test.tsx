import { beforeEach, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createClient } from '../../../shared/api/client.ts';
import type { TestEmailResult } from '../../../shared/api/calls/templates.ts';
import { setApi } from '../api/client.ts';
import type { TemplateDocument } from '../../../shared/templates/template.ts';
import { SendTestForm } from './SendTestForm.tsx';
import { useTemplateEditor } from './templateEditorStore.ts';

const document: TemplateDocument = {
  fromName: 'Shop',
  fromEmail: 'hello@shop.example',
  replyTo: '',
  format: 'html',
  locale: 'en',
  variants: {},
  content: { subject: 'Hi {{ first_name }}', preheader: '', body: '<p>Hi</p>', text: '' },
};

let calls: Array<{ name: string; input: unknown }> = [];
let answer: { ok: true; value: TestEmailResult } | { ok: false; error: { code: 'refused' | 'invalid-input'; message: string; issues?: Array<{ path: string; message: string }> } };

beforeEach(() => {
  calls = [];
  setApi(
    createClient(async (name, input) => {
      calls.push({ name, input });
      return answer;
    }),
  );
  useTemplateEditor.setState({ id: 't_1', name: 'Welcome', document, contact: { id: 7, label: 'Ada <ada@example.com>' }, triggerEvent: 'added_to_cart', testAddress: '', testSend: null });
});

describe("'Send a test'", () => {
  it('sends the template for the previewed contact and trigger event to the address typed, and says where it went', async () => {
    answer = { ok: true, value: { to: 'qa@team.example', subject: '[Test] Hi Ada', sender: 'smtp', messageId: '<k@x>', location: '250 OK', renderedFor: 'ada@example.com' } };
    const user = userEvent.setup();
    render(<SendTestForm />);
    expect((screen.getByRole('button', { name: 'Send test' }) as HTMLButtonElement).disabled).toBe(true);
    await user.type(screen.getByRole('textbox', { name: 'Send a test to' }), 'qa@team.example');
    await user.click(screen.getByRole('button', { name: 'Send test' }));
    expect((await screen.findByRole('status')).textContent).toBe('Sent “[Test] Hi Ada” to qa@team.example through the SMTP server (rendered for ada@example.com).');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ name: 'templates.sendTest', input: { to: 'qa@team.example', contactId: 7, triggerEvent: 'added_to_cart', template: { id: 't_1', name: 'Welcome' } } });
  });

  it('shows why a test was not sent', async () => {
    answer = { ok: false, error: { code: 'refused', message: 'not sent: sending is set to SMTP but no SMTP server is configured' } };
    const user = userEvent.setup();
    render(<SendTestForm />);
    await user.type(screen.getByRole('textbox', { name: 'Send a test to' }), 'qa@team.example');
    await user.click(screen.getByRole('button', { name: 'Send test' }));
    expect((await screen.findByRole('alert')).textContent).toBe('not sent: sending is set to SMTP but no SMTP server is configured');
  });
});
