import { beforeEach, describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createClient } from '../../../shared/api/client.ts';
import type { Snippet } from '../../../shared/api/calls/templates.ts';
import { setApi } from '../api/client.ts';
import { SnippetsPanel } from './SnippetsPanel.tsx';

let stored: Map<string, Snippet>;
beforeEach(() => {
  stored = new Map();
  let clock = 0;
  setApi(
    createClient(async (name, input) => {
      const { name: snippetName, body } = (input ?? {}) as { name: string; body: string };
      if (name === 'snippets.list') return { ok: true, value: [...stored.values()] };
      if (name === 'snippets.save') {
        const snippet = { name: snippetName, body, updatedAt: ++clock };
        stored.set(snippetName, snippet);
        return { ok: true, value: snippet };
      }
      if (name === 'snippets.delete') return stored.delete(snippetName) ? { ok: true, value: { deleted: true } } : { ok: false, error: { code: 'not-found', message: 'no snippet' } };
      return { ok: false, error: { code: 'unsupported', message: name } };
    }),
  );
});

describe('snippets panel', () => {
  it('creates a snippet, saves its body, and deletes it', async () => {
    const user = userEvent.setup();
    render(<SnippetsPanel />);
    await user.type(screen.getByRole('textbox', { name: 'New snippet name' }), 'footer');
    await user.click(screen.getByRole('button', { name: 'New snippet' }));
    const body = await screen.findByRole('textbox', { name: 'Snippet footer' });
    await user.type(body, 'Bye');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(stored.get('footer')?.body).toBe('Bye'));
    await user.click(screen.getByRole('button', { name: 'Delete snippet footer' }));
    await screen.findByText(/No snippets/);
    expect(stored.size).toBe(0);
  });
});
