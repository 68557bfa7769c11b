import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@testing-library/react';
import { tempWorkspace } from '../../../test/helpers/workspace.ts';
import { newNode } from '../../../shared/journey/defaults.ts';
import { setApi } from '../api/client.ts';
import { startAutosave } from './autosave.ts';
import { addNode } from './documentEdits.ts';
import { useJourney } from './journeyStore.ts';

/** Autosave against the real handlers on a temporary workspace; the desktop bridge is stood in for. */
let workspace: ReturnType<typeof tempWorkspace>;
let closeRequest: (() => Promise<void>) | null = null;
beforeAll(() => {
  workspace = tempWorkspace();
  setApi(workspace.client);
  window.journeyStudio = {
    calls: {} as never,
    onMenuCommand: () => () => {},
    onCloseRequest(flush) {
      closeRequest = flush;
      return () => (closeRequest = null);
    },
  };
});
afterAll(() => {
  delete window.journeyStudio;
  workspace.close();
});

let autosave: ReturnType<typeof startAutosave> | null = null;
afterEach(() => {
  autosave?.stop();
  useJourney.getState().close();
});

function openJourney() {
  const journey = workspace.services.journeys.create(`Autosave ${Math.random()}`);
  useJourney.getState().load({ id: journey.id, name: journey.name, status: 'draft' }, journey.document);
  autosave = startAutosave();
  return journey.id;
}
const addTrigger = () => useJourney.getState().edit((d) => addNode(d, newNode('trigger'), { x: 0, y: 0 }));
const storedSteps = (id: string) => workspace.services.journeys.get(id).document.nodes.length;

describe('autosave when the window closes', () => {
  it('writes the change still waiting for its debounce when the desktop window asks, before answering', async () => {
    const id = openJourney();
    addTrigger();
    expect(storedSteps(id)).toBe(0);
    await closeRequest!();
    expect(storedSteps(id)).toBe(1);
  });

  it('in a browser tab, starts the save and asks to confirm leaving only while something is unsaved', async () => {
    const id = openJourney();
    const leave = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(leave()).toBe(false);
    addTrigger();
    expect(leave()).toBe(true);
    await waitFor(() => expect(storedSteps(id)).toBe(1));
    await waitFor(() => expect(leave()).toBe(false));
  });

  it('stops answering close requests when the editor closes', () => {
    openJourney();
    autosave!.stop();
    autosave = null;
    expect(closeRequest).toBeNull();
  });
});
