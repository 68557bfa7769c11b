import { afterEach, describe, expect, it } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import { createClient } from '../../../shared/api/client.ts';
import type { CallName, MenuCommand } from '../../../shared/api/contract.ts';
import { setApi } from '../api/client.ts';
import { useNavigation } from '../app/navigation.ts';
import { ExchangeHost } from './ExchangeHost.tsx';
import { useImport } from './importStore.ts';

/**
 * The desktop app's File menu, with the preload bridge stood in for: menu commands arrive through it,
 * native dialogs answer with paths, and the main process reads and writes those paths.
 */
let sendMenu: (command: MenuCommand) => void = () => {};

function desktop(answers: Partial<Record<CallName, unknown>>) {
  const calls: Array<{ name: CallName; input: unknown }> = [];
  window.journeyStudio = {
    calls: {} as never,
    onMenuCommand(listener) {
      sendMenu = listener;
      return () => {};
    },
    onCloseRequest: () => () => {},
  };
  setApi(
    createClient(async (name, input) => {
      calls.push({ name, input });
      return name in answers ? { ok: true, value: answers[name] } : { ok: false, error: { code: 'unsupported', message: name } };
    }),
  );
  return calls;
}

afterEach(() => {
  delete window.journeyStudio;
  useImport.setState({ state: { phase: 'idle' } });
  useNavigation.setState({ route: { screen: 'journeys' } });
});

const journey = { id: 'j_cart', name: 'Cart abandonment', status: 'draft', nodeCount: 0, createdAt: 0, updatedAt: 0, liveVersion: null, document: { nodes: [], edges: [], settings: {}, layout: { positions: {}, notes: [] } } };

describe('File menu in the desktop app', () => {
  it('File → Export on a journey asks where to save and has the main process write it there', async () => {
    const calls = desktop({ 'journeys.get': journey, 'dialogs.saveFile': { file: { token: 'pf_cartcartcartcartcart', path: '/home/me/cart.json' } }, 'exchange.exportJourney': { fileName: 'cart-abandonment.journey.json', text: '{}', path: '/home/me/cart.json' } });
    useNavigation.setState({ route: { screen: 'journey', id: 'j_cart' } });
    render(<ExchangeHost />);
    await act(async () => sendMenu('export'));
    await expect.poll(() => calls.map((c) => c.name)).toEqual(['journeys.get', 'dialogs.saveFile', 'exchange.exportJourney']);
    expect(calls[1].input).toMatchObject({ defaultName: 'cart-abandonment.journey.json' });
    expect(calls[2].input).toEqual({ id: 'j_cart', saveTo: 'pf_cartcartcartcartcart' });
  });

  it('File → Export away from a journey says where to find it', async () => {
    desktop({});
    render(<ExchangeHost />);
    await act(async () => sendMenu('export'));
    expect((await screen.findByRole('dialog')).textContent).toContain('Open a journey to export it');
  });

  it('File → Import asks for a file and imports the one picked', async () => {
    const calls = desktop({
      'dialogs.openFile': { file: { token: 'pf_cartcartcartcartcart', path: '/home/me/cart.json' } },
      'exchange.importJourney': { outcome: 'invalid', problems: [{ path: 'version', message: 'the file is format version 9, newer than this app reads (up to 2): update Journey Studio to import it' }] },
    });
    render(<ExchangeHost />);
    await act(async () => sendMenu('import'));
    expect(await screen.findByRole('heading', { name: 'cart.json was not imported' })).toBeTruthy();
    expect(calls.find((c) => c.name === 'exchange.importJourney')?.input).toEqual({ file: { picked: 'pf_cartcartcartcartcart', fileName: 'cart.json' }, onClash: 'ask' });
  });
});
