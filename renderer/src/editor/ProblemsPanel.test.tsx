import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import { ReactFlowProvider } from '@xyflow/react';
import { emptyDocument, type JourneyDocument } from '../../../shared/journey/journey.ts';
import { useJourney } from './journeyStore.ts';
import { holdCheckForReferences, loadValidator, releaseCheck } from './problems.ts';
import { canvasDrawn, openingJourney } from './opening.ts';
import { ProblemsPanel } from './ProblemsPanel.tsx';

// A wait that leads nowhere and no trigger: problems the validator reports.
const broken = (): JourneyDocument => ({
  ...emptyDocument(),
  nodes: [{ id: 'n_w', kind: 'wait', name: 'Wait a day', config: { wait: { type: 'duration', duration: { amount: 1, unit: 'days' } } } }],
  layout: { positions: { n_w: { x: 0, y: 0 } }, notes: [] },
});

const panel = () =>
  render(
    <ReactFlowProvider>
      <ProblemsPanel />
    </ReactFlowProvider>,
  );

afterEach(() => {
  releaseCheck();
  canvasDrawn();
  useJourney.getState().close();
  vi.useRealTimers();
});

describe('the problems of a journey just opened', () => {
  it('are checked once the canvas has drawn the journey and the templates and segments have arrived, saying so meanwhile rather than "no problems"', async () => {
    let listsArrive!: () => void;
    openingJourney();
    holdCheckForReferences(new Promise<void>((resolve) => (listsArrive = resolve)));
    useJourney.getState().load({ id: 'j_1', name: 'Broken', status: 'draft' }, broken());
    panel();
    expect(screen.getByText('Checking…')).toBeTruthy();
    expect(screen.queryByText(/No problems/)).toBeNull();

    act(() => canvasDrawn());
    expect(screen.getByText('Checking…')).toBeTruthy();
    await act(async () => listsArrive());
    // The validator loads once the canvas has drawn: then the problems show.
    expect((await screen.findAllByRole('button', { name: /Wait a day/ })).length).toBeGreaterThan(0);
    expect(screen.queryByText('Checking…')).toBeNull();
  });

  it('are checked after a second even if the canvas never says it has drawn or the lists never arrive', async () => {
    await loadValidator();
    vi.useFakeTimers();
    openingJourney();
    holdCheckForReferences(new Promise(() => {}));
    useJourney.getState().load({ id: 'j_1', name: 'Broken', status: 'draft' }, broken());
    panel();
    expect(screen.getByText('Checking…')).toBeTruthy();
    await act(async () => vi.advanceTimersByTime(1000));
    expect(screen.getAllByRole('button', { name: /Wait a day/ }).length).toBeGreaterThan(0);
  });

  it('are checked as soon as the validator has loaded when no journey is being opened', async () => {
    useJourney.getState().load({ id: 'j_1', name: 'Broken', status: 'draft' }, broken());
    panel();
    expect((await screen.findAllByRole('button', { name: /Wait a day/ })).length).toBeGreaterThan(0);
    expect(screen.queryByText('Checking…')).toBeNull();
  });
});
