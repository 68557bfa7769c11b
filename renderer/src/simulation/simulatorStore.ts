import { create } from 'zustand';
import { liveSeed, type EntryEvent, type SimulationEvent, type SimulationRequestInput } from '../../../shared/simulation/input.ts';
import type { SimulationResult } from '../../../shared/simulation/output.ts';
import { api } from '../api/client.ts';

export interface MadeUpForm {
  email: string;
  firstName: string;
  timezone: string;
  tags: string;
  consent: 'subscribed' | 'unsubscribed' | 'never-asked';
}

/** One row of the events editor; fields unused by its type are ignored. */
export interface EventRow {
  key: number;
  type: SimulationEvent['type'];
  /** '+30h', or for engagement how long after the send. */
  at: string;
  name: string;
  nodeId: string;
  tag: string;
}

export interface SimulatorState {
  contactMode: 'made-up' | 'existing';
  madeUp: MadeUpForm;
  existing: { id: number; email: string } | null;
  /**
   * For an event-triggered journey, the made-up contact's entry event properties as typed (JSON); empty: the
   * values the trigger's filters ask for.
   */
  triggerProperties: string;
  /** For an event-triggered journey, the stored contact's event that admits them; null: their latest before the start. */
  entryEventId: number | null;
  start: string;
  until: string;
  seed: number;
  events: EventRow[];
  abVariants: Record<string, string>;
  breakpoints: string[];
  result: SimulationResult | null;
  running: boolean;
  error: string | null;
  set(patch: Partial<Omit<SimulatorState, 'set' | 'run' | 'addEvent' | 'updateEvent' | 'removeEvent'>>): void;
  addEvent(): void;
  updateEvent(key: number, patch: Partial<EventRow>): void;
  removeEvent(key: number): void;
  /**
   * 'run': to the end, breakpoints aside; 'breakpoint': from the entry to the first breakpoint; 'step': one
   * decision on from where the last run stopped (from a breakpoint, the rest of the decision it interrupted),
   * stopping sooner on arriving at a breakpoint; 'continue': past the breakpoint just hit to the next one.
   */
  run(mode: 'run' | 'step' | 'breakpoint' | 'continue'): Promise<void>;
}

let nextKey = 1;

/** What is typed in the trigger event properties field: nothing, a JSON object, or what is wrong with it in plain words. */
export function readTriggerProperties(text: string): { properties: Record<string, unknown> | null; problem: string | null } {
  if (!text.trim()) return { properties: null, problem: null };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { properties: null, problem: 'This is not valid JSON yet: check the quotes, commas and brackets.' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'string' ? 'text' : `a ${typeof value}`;
    return { properties: null, problem: `Give the properties as a JSON object in { }, not ${kind}.` };
  }
  return { properties: value as Record<string, unknown>, problem: null };
}

/** The entry event the set-up names, if any (SimulationRequest.entryEvent). */
function entryEventOf(s: SimulatorState): EntryEvent | undefined {
  if (s.contactMode === 'existing') return s.existing && s.entryEventId !== null ? { eventId: s.entryEventId } : undefined;
  const { properties } = readTriggerProperties(s.triggerProperties);
  return properties ? { properties } : undefined;
}

function toEvent(row: EventRow): SimulationEvent | null {
  switch (row.type) {
    case 'event':
      return row.name.trim() ? { type: 'event', at: row.at, name: row.name.trim(), properties: {} } : null;
    case 'email-opened':
    case 'email-clicked':
      return row.nodeId ? { type: row.type, nodeId: row.nodeId, after: row.at } : null;
    case 'unsubscribe':
      return { type: 'unsubscribe', at: row.at };
    case 'tag-added':
    case 'tag-removed':
      return row.tag.trim() ? { type: row.type, at: row.at, tag: row.tag.trim() } : null;
    case 'attribute-set':
      return null;
  }
}

/** The request the set-up describes. */
export function requestOf(journeyId: string, s: SimulatorState): SimulationRequestInput {
  const contact: SimulationRequestInput['contact'] =
    s.contactMode === 'existing' && s.existing
      ? { type: 'existing', ref: String(s.existing.id) }
      : {
          type: 'made-up',
          contact: {
            email: s.madeUp.email || 'test.contact@example.com',
            attributes: s.madeUp.firstName ? { first_name: s.madeUp.firstName } : {},
            tags: s.madeUp.tags.split(',').map((t) => t.trim()).filter(Boolean),
            timezone: s.madeUp.timezone.trim() || null,
            consent: s.madeUp.consent,
          },
        };
  const start = Date.parse(s.start);
  return {
    journeyId,
    contact,
    entryEvent: entryEventOf(s),
    start: Number.isNaN(start) ? undefined : new Date(start).toISOString(),
    until: s.until,
    seed: s.seed,
    events: s.events.map(toEvent).filter((e): e is SimulationEvent => e !== null),
    abVariants: Object.fromEntries(Object.entries(s.abVariants).filter(([, v]) => v)),
    breakpoints: s.breakpoints,
  };
}

/** The set-up and last result of one simulator panel (one store per panel). */
export function createSimulatorStore(journeyId: string) {
  return create<SimulatorState>((set, get) => ({
    contactMode: 'made-up',
    madeUp: { email: 'test.contact@example.com', firstName: 'Alex', timezone: 'Europe/London', tags: '', consent: 'subscribed' },
    existing: null,
    triggerProperties: '',
    entryEventId: null,
    start: new Date().toISOString().slice(0, 16) + 'Z',
    until: '30d',
    seed: liveSeed,
    events: [],
    abVariants: {},
    breakpoints: [],
    result: null,
    running: false,
    error: null,
    set: (patch) => set(patch),
    addEvent: () => set({ events: [...get().events, { key: nextKey++, type: 'event', at: '+30h', name: 'purchased', nodeId: '', tag: '' }] }),
    updateEvent: (key, patch) => set({ events: get().events.map((e) => (e.key === key ? { ...e, ...patch } : e)) }),
    removeEvent: (key) => set({ events: get().events.filter((e) => e.key !== key) }),
    async run(mode) {
      const state = get();
      const typed = state.contactMode === 'made-up' ? readTriggerProperties(state.triggerProperties).problem : null;
      if (typed) {
        set({ error: `The trigger event properties cannot be used yet. ${typed}` });
        return;
      }
      const request = requestOf(journeyId, state);
      // Where the last run stopped, when it can go on from there.
      const stop = state.result?.status === 'paused' || state.result?.status === 'breakpoint' ? state.result : null;
      if (mode === 'run') request.breakpoints = [];
      if (mode === 'step') {
        request.maxDecisions = !stop ? 1 : stop.status === 'breakpoint' ? stop.decisions : stop.decisions + 1;
        if (stop) request.resumeAfterSteps = stop.timeline.length;
      }
      if (mode === 'continue' && stop) request.resumeAfterSteps = stop.timeline.length;
      set({ running: true, error: null });
      try {
        set({ result: await api()['simulation.run'](request), running: false });
      } catch (error) {
        set({ error: error instanceof Error ? error.message : String(error), running: false });
      }
    },
  }));
}
export type SimulatorStore = ReturnType<typeof createSimulatorStore>;
