import { describe, expect, it } from 'vitest';
import { contactView, journey } from '../engine/testJourneys.ts';
import { simulateContact, type SimulateInput } from './simulate.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const email = (templateId: string) => ({ templateId, sendWindow: null });

/** Enter, an hour's wait, a first email, a day's wait, a last email, the exit. */
const doc = journey(
  [
    ['t', 'trigger', { trigger: { type: 'contact-created' } }, 'Signed up'],
    ['w1', 'wait', { wait: { type: 'duration', duration: { amount: 1, unit: 'hours' } } }, 'Wait an hour'],
    ['m1', 'email', email('t_welcome'), 'Welcome'],
    ['w2', 'wait', { wait: { type: 'duration', duration: { amount: 1, unit: 'days' } } }, 'Wait a day'],
    ['m2', 'email', email('t_tips'), 'Tips'],
    ['x', 'exit', {}, 'Done'],
  ],
  ['t -> w1', 'w1 -> m1', 'm1 -> w2', 'w2 -> m2', 'm2 -> x'],
);
const t0 = Date.UTC(2026, 5, 1, 12);

function simulate(overrides: Partial<SimulateInput> = {}) {
  return simulateContact({ document: doc, journeyId: 'j', version: 0, contact: contactView(), suppressed: false, start: t0, end: t0 + 10 * DAY, seed: 1, ...overrides });
}
const outcomes = (out: ReturnType<typeof simulate>) => out.steps.map((s) => `${s.nodeId} ${s.outcome}`);

describe('simulateContact: breakpoints and stepping', () => {
  it('stops on arriving at an email step, before the email goes out, naming the step', () => {
    const out = simulate({ breakpoints: ['m1'] });
    expect(out).toMatchObject({ status: 'breakpoint', nodeId: 'm1', statusReason: 'arrived at "Welcome", which has not acted yet', decisions: 2 });
    expect(outcomes(out)).toEqual(['t entered', 'w1 waiting', 'w1 resumed']);
    expect(out.emails).toEqual([]);
  });

  it('stops on the last step before the exit, and just before the exit itself', () => {
    const beforeLast = simulate({ breakpoints: ['m2'] });
    expect(beforeLast).toMatchObject({ status: 'breakpoint', nodeId: 'm2', state: { status: 'active' } });
    expect(beforeLast.emails.map((e) => e.nodeId)).toEqual(['m1']);

    const beforeExit = simulate({ breakpoints: ['x'] });
    expect(beforeExit).toMatchObject({ status: 'breakpoint', nodeId: 'x', statusReason: 'arrived at "Done", which has not acted yet' });
    expect(beforeExit.emails.map((e) => e.nodeId)).toEqual(['m1', 'm2']);
  });

  it('continues past the breakpoint just hit to the next one, even in the same decision', () => {
    const breakpoints = ['m1', 'w2', 'm2'];
    const first = simulate({ breakpoints });
    expect(first.nodeId).toBe('m1');
    const second = simulate({ breakpoints, resumeAfterSteps: first.steps.length });
    expect(second).toMatchObject({ status: 'breakpoint', nodeId: 'w2', decisions: 2 });
    expect(outcomes(second).slice(first.steps.length)).toEqual(['m1 sent']);
    const third = simulate({ breakpoints, resumeAfterSteps: second.steps.length });
    expect(third).toMatchObject({ status: 'breakpoint', nodeId: 'm2', decisions: 3 });
    const last = simulate({ breakpoints, resumeAfterSteps: third.steps.length });
    expect(last.status).toBe('exited');
    expect(last.steps).toEqual(simulate().steps);
  });

  it('steps one decision at a time; from a breakpoint, a step finishes the decision it interrupted', () => {
    const one = simulate({ maxDecisions: 1 });
    expect(one).toMatchObject({ status: 'paused', nodeId: 'w1', decisions: 1, statusReason: 'at "Wait an hour" after 1 decision' });
    expect(outcomes(one)).toEqual(['t entered', 'w1 waiting']);
    const two = simulate({ maxDecisions: 2, resumeAfterSteps: one.steps.length });
    expect(outcomes(two).slice(one.steps.length)).toEqual(['w1 resumed', 'm1 sent', 'w2 waiting']);

    // The same decisions, whatever the breakpoints: stopping at one falls inside a decision.
    const atBreakpoint = simulate({ breakpoints: ['m1'], maxDecisions: 2 });
    expect(atBreakpoint).toMatchObject({ status: 'breakpoint', decisions: 2 });
    const stepped = simulate({ breakpoints: ['m1'], maxDecisions: atBreakpoint.decisions, resumeAfterSteps: atBreakpoint.steps.length });
    expect(stepped).toMatchObject({ status: 'paused', nodeId: 'w2', decisions: 2 });
    expect(stepped.steps).toEqual(two.steps);
  });
});
