import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { abVariant, advance, startRun } from './advance.ts';
import { dateTriggerOccurrence, decideEntry } from './entry.ts';
import { messageIdOf } from './messageKey.ts';
import { contactView, drive, event, journey } from './testJourneys.ts';
import type { RecentSend, RunKey } from './types.ts';
import type { JourneyDocument } from '../journey/journey.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const hours = (amount: number) => ({ amount, unit: 'hours' as const });
const days = (amount: number) => ({ amount, unit: 'days' as const });
const paris = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Paris' }).toMillis();
const localIn = (at: number, zone = 'Europe/Paris') => DateTime.fromMillis(at, { zone }).toFormat('yyyy-LL-dd HH:mm');
const run = (journeyId = 'j1', contactId: number | string = 1, entry = 1): RunKey => ({ journeyId, version: 1, contactId, entry });
const purchased = { name: 'purchased', filters: [] };

function start(doc: JourneyDocument, at: number, key = run()) {
  return startRun(doc, key, at);
}

const emailConfig = (templateId: string, sendWindow: { startHour: number; endHour: number } | null = null) => ({ templateId, sendWindow });

describe('advance: the basic path', () => {
  const doc = journey(
    [
      ['t', 'trigger', { trigger: { type: 'event', event: { name: 'added_to_cart', filters: [] } } }, 'Added to cart'],
      ['w', 'wait', { wait: { type: 'duration', duration: hours(1) } }],
      ['c', 'condition', { rule: { type: 'event-since-entry', event: purchased, happened: true } }, 'Purchased since entry?'],
      ['m', 'email', emailConfig('t_cart')],
      ['x', 'exit', {}, 'Done'],
    ],
    ['t -> w', 'w -> c', 'c:no -> m', 'c:yes -> x', 'm -> x'],
  );
  const t0 = paris('2026-11-25T10:02');

  it('enters, waits, and wakes up at the wait end', () => {
    const first = advance({ document: doc, state: start(doc, t0), contact: contactView(), now: t0, seed: 1, recentSends: [], suppressed: false });
    expect(first.steps.map((s) => [s.nodeId, s.outcome])).toEqual([
      ['t', 'entered'],
      ['w', 'waiting'],
    ]);
    expect(first.wakeAt).toBe(t0 + HOUR);
    expect(first.emails).toEqual([]);
    expect(first.state.wait).toEqual({ type: 'wait', until: t0 + HOUR });

    const second = advance({ document: doc, state: first.state, contact: contactView(), now: t0 + HOUR, seed: 1, recentSends: [], suppressed: false });
    expect(second.steps.map((s) => [s.nodeId, s.outcome, s.branch])).toEqual([
      ['w', 'resumed', 'next'],
      ['c', 'branched', 'no'],
      ['m', 'sent', 'next'],
      ['x', 'exited', undefined],
    ]);
    expect(second.steps[1].reason).toBe('condition "Purchased since entry?" was false: no purchased event since 2026-11-25 10:02 Europe/Paris');
    expect(second.emails).toEqual([{ messageKey: 'j1.1.1.m.1', nodeId: 'm', templateId: 't_cart', visit: 1 }]);
    expect(second.state.status).toBe('exited');
    expect(second.state.exit?.reason).toBe('reached the exit "Done"');
    expect(second.wakeAt).toBeNull();
  });

  it('does nothing before the wake-up time and is pure (same input, same output)', () => {
    const first = advance({ document: doc, state: start(doc, t0), contact: contactView(), now: t0, seed: 1, recentSends: [], suppressed: false });
    const early = advance({ document: doc, state: first.state, contact: contactView(), now: t0 + HOUR / 2, seed: 1, recentSends: [], suppressed: false });
    expect(early.steps).toEqual([]);
    expect(early.wakeAt).toBe(t0 + HOUR);
    const again = advance({ document: doc, state: first.state, contact: contactView(), now: t0 + HOUR, seed: 1, recentSends: [], suppressed: false });
    const twice = advance({ document: doc, state: first.state, contact: contactView(), now: t0 + HOUR, seed: 1, recentSends: [], suppressed: false });
    expect(again).toEqual(twice);
    expect(first.state.wait).not.toBeNull(); // the input state was not mutated
  });

  it('changes a handed-over state in place and decides exactly as on a copy', () => {
    const first = advance({ document: doc, state: start(doc, t0), contact: contactView(), now: t0, seed: 1, recentSends: [], suppressed: false });
    const kept = structuredClone(first.state);
    const copied = advance({ document: doc, state: first.state, contact: contactView(), now: t0 + HOUR, seed: 1, recentSends: [], suppressed: false });
    expect(first.state).toEqual(kept);
    const handedOver = advance({ document: doc, state: first.state, contact: contactView(), now: t0 + HOUR, seed: 1, recentSends: [], suppressed: false, handOverState: true });
    expect(handedOver.state).toBe(first.state);
    expect(handedOver).toEqual(copied);
  });

  it('gives the message a deterministic Message-ID from run, node and visit', () => {
    const out = drive({ document: doc, state: start(doc, t0, run('j1', 42, 3)), contact: contactView({ id: 42 }) }, t0, t0 + DAY);
    expect(out.sent.map((s) => messageIdOf(s.messageKey))).toEqual(['<j1.42.3.m.1@journey-studio.local>']);
  });

  it('takes the yes branch when the contact bought, saying when', () => {
    const contact = contactView({ events: [event('purchased', t0 + 20 * 60_000)] });
    const out = drive({ document: doc, state: start(doc, t0), contact }, t0, t0 + DAY);
    const condition = out.steps.find((s) => s.nodeId === 'c')!;
    expect(condition.branch).toBe('yes');
    expect(condition.reason).toContain('purchased at 2026-11-25 10:22 Europe/Paris');
    expect(out.sent).toEqual([]);
  });
});

describe('waits and time zones', () => {
  const dripDoc = journey(
    [
      ['t', 'trigger', { trigger: { type: 'tag-added', tag: 'trial' } }],
      ['w', 'wait', { wait: { type: 'duration', duration: days(1) } }],
      ['m', 'email', emailConfig('t1')],
      ['x', 'exit', {}],
    ],
    ['t -> w', 'w -> m', 'm -> x'],
  );

  it('keeps a one-day wait at the same local time across the spring DST change (23 hours)', () => {
    const t0 = paris('2026-03-28T09:00');
    const out = drive({ document: dripDoc, state: start(dripDoc, t0), contact: contactView() }, t0, t0 + 3 * DAY);
    expect(out.sent).toHaveLength(1);
    expect(localIn(out.sent[0].at)).toBe('2026-03-29 09:00');
    expect(out.sent[0].at - t0).toBe(23 * HOUR);
  });

  it('and across the autumn change (25 hours)', () => {
    const t0 = paris('2026-10-24T09:00');
    const out = drive({ document: dripDoc, state: start(dripDoc, t0), contact: contactView() }, t0, t0 + 3 * DAY);
    expect(localIn(out.sent[0].at)).toBe('2026-10-25 09:00');
    expect(out.sent[0].at - t0).toBe(25 * HOUR);
  });

  it('waits until a time of day on chosen weekdays in the contact zone, with the fallback when unknown', () => {
    const doc = journey(
      [
        ['t', 'trigger', { trigger: { type: 'contact-created' } }],
        ['w', 'wait', { wait: { type: 'time-of-day', time: '09:30', weekdays: ['mon'], fallbackTimezone: 'America/New_York' } }],
        ['m', 'email', emailConfig('t1')],
      ],
      ['t -> w', 'w -> m'],
    );
    const t0 = Date.UTC(2026, 10, 25, 12); // a Wednesday
    const known = drive({ document: doc, state: start(doc, t0), contact: contactView({ attributes: { timezone: 'Asia/Tokyo' } }) }, t0, t0 + 10 * DAY);
    expect(localIn(known.sent[0].at, 'Asia/Tokyo')).toBe('2026-11-30 09:30');
    const unknown = drive({ document: doc, state: start(doc, t0), contact: contactView({ attributes: { timezone: null } }) }, t0, t0 + 10 * DAY);
    expect(localIn(unknown.sent[0].at, 'America/New_York')).toBe('2026-11-30 09:30');
    expect(unknown.state.exit?.reason).toBe('the "next" way out of "m" leads nowhere');
  });

  it('waits until a fixed date, and relative to a date attribute (passing at once when the date is gone)', () => {
    const doc = journey(
      [
        ['t', 'trigger', { trigger: { type: 'contact-created' } }],
        ['w1', 'wait', { wait: { type: 'until-datetime', at: '2026-12-01T08:00:00Z' } }],
        ['w2', 'wait', { wait: { type: 'relative-to-attribute', attribute: 'renewal', direction: 'before', offset: days(3) } }],
        ['m', 'email', emailConfig('t1')],
        ['x', 'exit', {}],
      ],
      ['t -> w1', 'w1 -> w2', 'w2 -> m', 'm -> x'],
      { lateSend: { maxLateHours: null, whenLate: 'send' } },
    );
    const t0 = Date.UTC(2026, 10, 25);
    const later = drive({ document: doc, state: start(doc, t0), contact: contactView({ attributes: { renewal: '2026-12-20T10:00:00Z', timezone: 'UTC' } }) }, t0, t0 + 60 * DAY);
    expect(new Date(later.sent[0].at).toISOString()).toBe('2026-12-17T10:00:00.000Z');
    const gone = drive({ document: doc, state: start(doc, t0), contact: contactView({ attributes: { renewal: '2026-11-01', timezone: 'UTC' } }) }, t0, t0 + 60 * DAY);
    expect(new Date(gone.sent[0].at).toISOString()).toBe('2026-12-01T08:00:00.000Z');
    expect(gone.steps.find((s) => s.nodeId === 'w2')?.outcome).toBe('passed');
  });

  describe("until the contact's usual hour", () => {
    const usualHourDoc = (settings: Partial<JourneyDocument['settings']> = {}) =>
      journey(
        [
          ['t', 'trigger', { trigger: { type: 'contact-created' } }],
          ['w', 'wait', { wait: { type: 'usual-hour', fallbackHour: 10, fallbackTimezone: 'America/New_York' } }],
          ['m', 'email', emailConfig('t1')],
          ['x', 'exit', {}],
        ],
        ['t -> w', 'w -> m', 'm -> x'],
        settings,
      );
    const opensAt = (...local: string[]) => local.map((iso) => event('email_opened', paris(iso)));

    it('waits until the next 19:00 Paris time when the opens cluster there, across the autumn DST change', () => {
      const doc = usualHourDoc();
      const contact = contactView({ events: [...opensAt('2026-10-19T19:04', '2026-10-20T18:57', '2026-10-21T19:20', '2026-10-22T07:30'), event('email_clicked', paris('2026-10-23T19:10'))] });
      const t0 = paris('2026-10-24T20:00'); // just after today's 19:00; the clocks go back overnight
      const first = advance({ document: doc, state: start(doc, t0), contact, now: t0, seed: 1, recentSends: [], suppressed: false });
      expect(first.steps[1]).toMatchObject({ nodeId: 'w', outcome: 'waiting' });
      expect(first.steps[1].reason).toContain('wait until 19:00 in Europe/Paris, when the contact usually opens or clicks (5 engagements)');
      const out = drive({ document: doc, state: start(doc, t0), contact }, t0, t0 + 3 * DAY);
      expect(out.sent).toHaveLength(1);
      expect(localIn(out.sent[0].at)).toBe('2026-10-25 19:00');
      expect(out.sent[0].at - t0).toBe(24 * HOUR); // 23 local hours plus the repeated one
    });

    it('uses the fallback hour, in the fallback zone, for a contact with no opens or clicks', () => {
      const doc = usualHourDoc();
      const t0 = Date.UTC(2026, 10, 25, 16); // 11:00 in New York, past today's 10:00
      const contact = contactView({ attributes: { timezone: null }, events: [event('purchased', t0 - DAY)] });
      const out = drive({ document: doc, state: start(doc, t0), contact }, t0, t0 + 3 * DAY);
      expect(localIn(out.sent[0].at, 'America/New_York')).toBe('2026-11-26 10:00');
      expect(out.steps.find((s) => s.nodeId === 'w')?.reason).toContain('too little engagement history for a usual hour');
    });

    it("still keeps the journey's quiet hours: a late-night habit gets its email the next morning", () => {
      const doc = usualHourDoc({ quietHours: { start: '21:00', end: '08:00', fallbackTimezone: 'UTC' } });
      const contact = contactView({ events: opensAt('2026-11-20T23:10', '2026-11-21T22:50', '2026-11-22T23:05') });
      const t0 = paris('2026-11-25T12:00');
      const out = drive({ document: doc, state: start(doc, t0), contact }, t0, t0 + 3 * DAY);
      expect(out.steps.find((s) => s.nodeId === 'w' && s.outcome === 'waiting')?.reason).toContain('wait until 23:00 in Europe/Paris');
      expect(out.steps.find((s) => s.outcome === 'deferred')?.reason).toBe('quiet hours 21:00-08:00 in Europe/Paris: deferred to 2026-11-26 08:00 Europe/Paris');
      expect(out.sent).toHaveLength(1);
      expect(localIn(out.sent[0].at)).toBe('2026-11-26 08:00');
    });
  });

  it('wait-for-event resolves on the first matching event, or on timeout', () => {
    const doc = journey(
      [
        ['t', 'trigger', { trigger: { type: 'contact-created' } }],
        ['we', 'wait-for-event', { event: { name: 'purchased', filters: [{ property: 'value', op: 'gt', value: 50 }] }, timeout: days(2) }],
        ['yes', 'email', emailConfig('thanks')],
        ['no', 'email', emailConfig('nudge')],
      ],
      ['t -> we', 'we:happened -> yes', 'we:timed-out -> no'],
    );
    const t0 = Date.UTC(2026, 10, 25, 12);
    const small = event('purchased', t0 + HOUR, { value: 20 });
    const big = event('purchased', t0 + 5 * HOUR, { value: 80 });
    const first = advance({ document: doc, state: start(doc, t0), contact: contactView({ attributes: { timezone: 'UTC' } }), now: t0, seed: 1, recentSends: [], suppressed: false });
    expect(first.wakeAt).toBe(t0 + 2 * DAY);
    expect(first.wakeOnEvents).toContainEqual(expect.objectContaining({ name: 'purchased' }));
    // The runner wakes the contact when the event arrives.
    const woken = advance({ document: doc, state: first.state, contact: contactView({ events: [small, big], attributes: { timezone: 'UTC' } }), now: t0 + 6 * HOUR, seed: 1, recentSends: [], suppressed: false });
    expect(woken.steps[0]).toMatchObject({ nodeId: 'we', branch: 'happened' });
    expect(woken.emails.map((e) => e.templateId)).toEqual(['thanks']);
    const timedOut = drive({ document: doc, state: start(doc, t0), contact: contactView({ events: [small], attributes: { timezone: 'UTC' } }) }, t0, t0 + 5 * DAY);
    expect(timedOut.steps.find((s) => s.nodeId === 'we' && s.outcome === 'resumed')).toMatchObject({ branch: 'timed-out' });
    expect(timedOut.sent.map((s) => s.nodeId)).toEqual(['no']);
    expect(timedOut.sent[0].at).toBe(t0 + 2 * DAY);
  });
});

describe('branches', () => {
  it('a split takes the first matching branch, else everyone else', () => {
    const doc = journey(
      [
        ['t', 'trigger', { trigger: { type: 'contact-created' } }],
        ['s', 'split', { branches: [
          { id: 'b_vip', label: 'VIP', rule: { type: 'tag', tag: 'vip', has: true } },
          { id: 'b_fr', label: 'France', rule: { type: 'attribute', attribute: 'country', op: 'eq', value: 'FR' } },
        ] }],
        ['a', 'exit', {}],
        ['b', 'exit', {}],
        ['c', 'exit', {}],
      ],
      ['t -> s', 's:b_vip -> a', 's:b_fr -> b', 's:else -> c'],
    );
    const t0 = Date.UTC(2026, 0, 1);
    const branch = (c: ReturnType<typeof contactView>) => advance({ document: doc, state: start(doc, t0), contact: c, now: t0, seed: 1, recentSends: [], suppressed: false }).steps[1];
    expect(branch(contactView({ tags: ['vip'], attributes: { country: 'FR' } })).branch).toBe('b_vip');
    expect(branch(contactView({ attributes: { country: 'fr' } }))).toMatchObject({ branch: 'b_fr', reason: 'matched "France": country is "fr" (rule: eq "FR")' });
    expect(branch(contactView({ attributes: { country: 'DE' } })).branch).toBe('else');
  });

  it('A/B assignment is reproducible from the seed, sticky per contact, and close to the percents', () => {
    const doc = journey(
      [
        ['t', 'trigger', { trigger: { type: 'contact-created' } }],
        ['ab', 'ab-split', { variants: [{ id: 'v_a', name: 'A', percent: 30 }, { id: 'v_b', name: 'B', percent: 70 }] }],
        ['a', 'exit', {}],
        ['b', 'exit', {}],
      ],
      ['t -> ab', 'ab:v_a -> a', 'ab:v_b -> b'],
    );
    const t0 = Date.UTC(2026, 0, 1);
    const assign = (contactId: number, seed: number, entry = 1) =>
      advance({ document: doc, state: start(doc, t0, run('j1', contactId, entry)), contact: contactView({ id: contactId }), now: t0, seed, recentSends: [], suppressed: false }).steps[1].branch;
    const first = Array.from({ length: 2000 }, (_, i) => assign(i, 7));
    const second = Array.from({ length: 2000 }, (_, i) => assign(i, 7));
    expect(second).toEqual(first);
    const share = first.filter((v) => v === 'v_a').length / first.length;
    expect(share).toBeGreaterThan(0.27);
    expect(share).toBeLessThan(0.33);
    // A re-entry of the same contact gets the same variant; another seed shuffles contacts.
    expect(Array.from({ length: 50 }, (_, i) => assign(i, 7, 2))).toEqual(first.slice(0, 50));
    expect(Array.from({ length: 2000 }, (_, i) => assign(i, 8))).not.toEqual(first);
    expect(abVariant([{ id: 'x', percent: 100 }, { id: 'y', percent: 0 }], 1, 'j', 1, 'n')).toBe('x');
  });

  it('an A/B assignment already in the state is kept', () => {
    const doc = journey(
      [
        ['t', 'trigger', { trigger: { type: 'contact-created' } }],
        ['ab', 'ab-split', { variants: [{ id: 'v_a', name: 'A', percent: 50 }, { id: 'v_b', name: 'B', percent: 50 }] }],
        ['a', 'exit', {}],
        ['b', 'exit', {}],
      ],
      ['t -> ab', 'ab:v_a -> a', 'ab:v_b -> b'],
    );
    const state = { ...start(doc, 0), abAssignments: { ab: 'v_b' } };
    for (let seed = 0; seed < 10; seed++) {
      const result = advance({ document: doc, state, contact: contactView(), now: 0, seed, recentSends: [], suppressed: false });
      expect(result.steps[1]).toMatchObject({ branch: 'v_b', reason: 'variant "B" (assigned earlier)' });
    }
  });

  it('update-contact emits the changes and later conditions see them', () => {
    const doc = journey(
      [
        ['t', 'trigger', { trigger: { type: 'contact-created' } }],
        ['u', 'update-contact', { actions: [{ op: 'add-tag', tag: 'lost' }, { op: 'set-attribute', attribute: 'stage', value: 'cold' }, { op: 'remove-tag', tag: 'vip' }, { op: 'clear-attribute', attribute: 'score' }] }],
        ['c', 'condition', { rule: { type: 'all', rules: [{ type: 'tag', tag: 'lost', has: true }, { type: 'attribute', attribute: 'stage', op: 'eq', value: 'cold' }] } }],
        ['y', 'exit', {}],
        ['n', 'exit', {}],
      ],
      ['t -> u', 'u -> c', 'c:yes -> y', 'c:no -> n'],
    );
    const result = advance({ document: doc, state: start(doc, 0), contact: contactView({ tags: ['vip'], attributes: { score: 3 } }), now: 0, seed: 1, recentSends: [], suppressed: false });
    expect(result.contactChanges).toEqual([
      { op: 'add-tag', tag: 'lost' },
      { op: 'set-attribute', attribute: 'stage', value: 'cold' },
      { op: 'remove-tag', tag: 'vip' },
      { op: 'clear-attribute', attribute: 'score' },
    ]);
    expect(result.steps.find((s) => s.nodeId === 'c')?.branch).toBe('yes');
    expect(result.steps.find((s) => s.nodeId === 'u')?.reason).toBe('added the tag "lost", set stage to "cold", removed the tag "vip", cleared score');
  });

  it('email-engagement conditions see opens tied by Message-ID or, without one, by contact and time', () => {
    const doc = journey(
      [
        ['t', 'trigger', { trigger: { type: 'contact-created' } }],
        ['m', 'email', emailConfig('t1')],
        ['w', 'wait', { wait: { type: 'duration', duration: days(2) } }],
        ['c', 'condition', { rule: { type: 'email-engagement', stepId: 'm', action: 'opened', happened: true } }],
        ['y', 'exit', {}],
        ['n', 'exit', {}],
      ],
      ['t -> m', 'm -> w', 'w -> c', 'c:yes -> y', 'c:no -> n'],
    );
    const t0 = Date.UTC(2026, 5, 1, 12);
    const first = advance({ document: doc, state: start(doc, t0), contact: contactView(), now: t0, seed: 1, recentSends: [], suppressed: false });
    const ourSend: RecentSend = { at: t0, messageKey: first.emails[0].messageKey };
    const otherSend: RecentSend = { at: t0 + HOUR, messageKey: 'j_other.1.1.m.1' };
    const at = t0 + 2 * DAY;
    const branch = (events: ReturnType<typeof event>[]) =>
      advance({ document: doc, state: first.state, contact: contactView({ events }), now: at, seed: 1, recentSends: [ourSend, otherSend], suppressed: false }).steps.find((s) => s.nodeId === 'c')!;
    expect(branch([event('email_opened', t0 + 2 * HOUR, { message_id: messageIdOf(ourSend.messageKey) })]).branch).toBe('yes');
    // Without a Message-ID, an open after the other journey's email belongs to that email...
    expect(branch([event('email_opened', t0 + 2 * HOUR)]).branch).toBe('no');
    // ...and one between our send and theirs belongs to ours.
    const yes = branch([event('email_opened', t0 + 30 * 60_000)]);
    expect(yes.branch).toBe('yes');
    expect(yes.reason).toContain('opened the email of step m');
  });
});

describe('goals and exit criteria', () => {
  const doc = journey(
    [
      ['t', 'trigger', { trigger: { type: 'contact-created' } }],
      ['m1', 'email', emailConfig('t1')],
      ['w', 'wait', { wait: { type: 'duration', duration: days(3) } }],
      ['m2', 'email', emailConfig('t2')],
      ['x', 'exit', {}],
      ['g', 'goal', { goal: { type: 'event', event: purchased } }, 'Purchased'],
      ['after', 'email', emailConfig('thanks')],
    ],
    ['t -> m1', 'm1 -> w', 'w -> m2', 'm2 -> x', 'g -> after'],
  );
  const t0 = Date.UTC(2026, 5, 1, 12);

  it('meeting the goal while waiting jumps to the goal node and on from there', () => {
    const first = advance({ document: doc, state: start(doc, t0), contact: contactView(), now: t0, seed: 1, recentSends: [], suppressed: false });
    expect(first.state.nodeId).toBe('w');
    expect(first.wakeOnEvents).toContainEqual(purchased);
    const bought = contactView({ events: [event('purchased', t0 + DAY)] });
    const jumped = advance({ document: doc, state: first.state, contact: bought, now: t0 + DAY, seed: 1, recentSends: [], suppressed: false });
    expect(jumped.steps.map((s) => [s.nodeId, s.outcome])).toEqual([
      ['g', 'goal'],
      ['after', 'sent'],
      ['after', 'exited'],
    ]);
    expect(jumped.steps[0].reason).toContain('met the goal "Purchased": purchased at');
    expect(jumped.emails.map((e) => e.templateId)).toEqual(['thanks']);
    expect(jumped.state.goalsReached).toEqual(['g']);
  });

  it('events before entry do not count toward the goal', () => {
    const contact = contactView({ events: [event('purchased', t0 - DAY)] });
    const out = drive({ document: doc, state: start(doc, t0), contact }, t0, t0 + 10 * DAY);
    expect(out.sent.map((s) => s.nodeId)).toEqual(['m1', 'm2']);
  });

  it('an exit criterion ends the journey at once, while waiting, not after the wait', () => {
    const withExit = { ...doc, settings: { ...doc.settings, exitCriteria: [{ name: 'unsubscribed_click', filters: [] }] } };
    const first = advance({ document: withExit, state: start(withExit, t0), contact: contactView(), now: t0, seed: 1, recentSends: [], suppressed: false });
    const left = advance({ document: withExit, state: first.state, contact: contactView({ events: [event('unsubscribed_click', t0 + HOUR)] }), now: t0 + HOUR, seed: 1, recentSends: [], suppressed: false });
    expect(left.state.status).toBe('exited');
    expect(left.state.exit).toMatchObject({ at: t0 + HOUR, nodeId: 'w' });
    expect(left.state.exit?.reason).toMatch(/^exit criterion met: unsubscribed_click at /);
    expect(left.wakeAt).toBeNull();
    expect(left.emails).toEqual([]);
  });
});

describe('sending rules', () => {
  const doc = (settings: Partial<JourneyDocument['settings']> = {}, sendWindow: { startHour: number; endHour: number } | null = null, id = 'm') =>
    journey(
      [
        ['t', 'trigger', { trigger: { type: 'contact-created' } }],
        [id, 'email', emailConfig('t1', sendWindow)],
        ['x', 'exit', {}],
      ],
      [`t -> ${id}`, `${id} -> x`],
      settings,
    );
  const quiet = { quietHours: { start: '21:00', end: '08:00', fallbackTimezone: 'America/New_York' } };

  it('quiet hours across midnight defer to the end, in the contact zone', () => {
    const d = doc(quiet);
    for (const [local, expected] of [
      ['2026-11-25T22:30', '2026-11-26 08:00'], // evening: next morning
      ['2026-11-26T03:00', '2026-11-26 08:00'], // after midnight: same morning
      ['2026-11-26T08:00', '2026-11-26 08:00'], // the end is allowed
      ['2026-11-26T20:59', '2026-11-26 20:59'],
    ] as const) {
      const at = paris(local);
      const out = drive({ document: d, state: start(d, at), contact: contactView() }, at, at + 2 * DAY);
      expect(localIn(out.sent[0].at)).toBe(expected);
    }
    const at = paris('2026-11-25T22:30');
    const first = advance({ document: d, state: start(d, at), contact: contactView(), now: at, seed: 1, recentSends: [], suppressed: false });
    expect(first.steps[1]).toMatchObject({ outcome: 'deferred', reason: 'quiet hours 21:00-08:00 in Europe/Paris: deferred to 2026-11-26 08:00 Europe/Paris' });
  });

  it('uses the quiet hours fallback zone for a contact without one', () => {
    const d = doc(quiet);
    const at = Date.UTC(2026, 10, 26, 4); // 23:00 in New York
    const out = drive({ document: d, state: start(d, at), contact: contactView({ attributes: { timezone: '' } }) }, at, at + 2 * DAY);
    expect(localIn(out.sent[0].at, 'America/New_York')).toBe('2026-11-26 08:00');
  });

  it('a send window holds the email until it opens', () => {
    const d = doc({}, { startHour: 9, endHour: 18 });
    const at = paris('2026-11-25T18:30');
    const out = drive({ document: d, state: start(d, at), contact: contactView() }, at, at + 2 * DAY);
    expect(localIn(out.sent[0].at)).toBe('2026-11-26 09:00');
    expect(out.steps.find((s) => s.outcome === 'deferred')?.reason).toContain('outside the send window 9:00-18:00');
  });

  it('a frequency cap is shared by two journeys: the second email waits until the first ages out', () => {
    const cap = { frequencyCap: { limits: [{ count: 1, period: hours(16) }, { count: 3, period: days(7) }], whenCapped: 'defer' as const } };
    const a = doc(cap, null, 'ma');
    const b = doc(cap, null, 'mb');
    const sends: RecentSend[] = [];
    const t0 = Date.UTC(2026, 5, 1, 12);
    const contact = contactView({ attributes: { timezone: 'UTC' } });
    const first = drive({ document: a, state: start(a, t0, run('ja')), contact }, t0, t0 + 5 * DAY, sends);
    const second = drive({ document: b, state: start(b, t0 + HOUR, run('jb')), contact }, t0 + HOUR, t0 + 5 * DAY, sends);
    expect(first.sent[0].at).toBe(t0);
    expect(second.sent[0].at).toBe(t0 + 16 * HOUR);
    expect(second.steps.find((s) => s.outcome === 'deferred')?.reason).toContain('frequency cap: 1 email(s) in the last 16 hours, at most 1');
    // The weekly limit: three sends this week push a fourth to when the oldest is a week old.
    const week: RecentSend[] = [0, 1, 2].map((i) => ({ at: t0 - (6 - i) * DAY, messageKey: `other.${i}` }));
    const third = drive({ document: a, state: start(a, t0, run('ja', 1, 2)), contact }, t0, t0 + 5 * DAY, week);
    expect(third.sent[0].at).toBe(t0 + DAY);
  });

  it('a frequency cap set to skip moves the contact on without the email', () => {
    const d = doc({ frequencyCap: { limits: [{ count: 1, period: hours(16) }], whenCapped: 'skip' } });
    const t0 = Date.UTC(2026, 5, 1, 12);
    const out = drive({ document: d, state: start(d, t0), contact: contactView() }, t0, t0 + DAY, [{ at: t0 - HOUR, messageKey: 'other' }]);
    expect(out.sent).toEqual([]);
    expect(out.steps.find((s) => s.nodeId === 'm')).toMatchObject({ outcome: 'skipped', branch: 'next' });
    expect(out.state.exit?.nodeId).toBe('x');
  });

  it('never emails an unsubscribed or suppressed contact: the step says suppressed and the contact moves on', () => {
    const d = doc();
    const unsub = advance({ document: d, state: start(d, 0), contact: contactView({ attributes: { consent: 'unsubscribed' } }), now: 0, seed: 1, recentSends: [], suppressed: false });
    expect(unsub.emails).toEqual([]);
    expect(unsub.steps[1]).toMatchObject({ outcome: 'suppressed', reason: 'not sent: the contact has unsubscribed' });
    expect(unsub.state.exit?.nodeId).toBe('x');
    const bounced = advance({ document: d, state: start(d, 0), contact: contactView(), now: 0, seed: 1, recentSends: [], suppressed: true });
    expect(bounced.steps[1].reason).toBe('not sent: ada@example.com is on the suppression list');
  });

  it('an email reached too late is skipped or sent, by the late-send setting', () => {
    const build = (whenLate: 'send' | 'skip') =>
      journey(
        [
          ['t', 'trigger', { trigger: { type: 'contact-created' } }],
          ['w', 'wait', { wait: { type: 'duration', duration: hours(1) } }],
          ['m', 'email', emailConfig('t1')],
          ['x', 'exit', {}],
        ],
        ['t -> w', 'w -> m', 'm -> x'],
        { lateSend: { maxLateHours: 6, whenLate } },
      );
    const t0 = Date.UTC(2026, 5, 1, 12);
    for (const whenLate of ['send', 'skip'] as const) {
      const d = build(whenLate);
      const first = advance({ document: d, state: start(d, t0), contact: contactView(), now: t0, seed: 1, recentSends: [], suppressed: false });
      // The app was closed for two days: the wait ended at t0+1h, the runner comes back at t0+49h.
      const late = advance({ document: d, state: first.state, contact: contactView(), now: t0 + 49 * HOUR, seed: 1, recentSends: [], suppressed: false });
      const step = late.steps.find((s) => s.nodeId === 'm')!;
      if (whenLate === 'skip') {
        expect(step).toMatchObject({ outcome: 'skipped', reason: 'not sent: 48 hours late (the journey skips emails more than 6 hours late)' });
        expect(late.emails).toEqual([]);
      } else {
        expect(step).toMatchObject({ outcome: 'sent', reason: 'sent template t1 (48 hours late)' });
      }
    }
    // On time: sent either way.
    const d = build('skip');
    const onTime = drive({ document: d, state: start(d, t0), contact: contactView() }, t0, t0 + DAY);
    expect(onTime.sent).toHaveLength(1);
  });
});

describe('loops and visits', () => {
  it('a loop through a wait sends one email per visit, each with its own key', () => {
    const doc = journey(
      [
        ['t', 'trigger', { trigger: { type: 'contact-created' } }],
        ['m', 'email', emailConfig('t1')],
        ['w', 'wait', { wait: { type: 'duration', duration: days(1) } }],
        ['c', 'condition', { rule: { type: 'event-count', event: { name: 'email_sent_marker', filters: [] }, op: 'gte', count: 1, window: null } }],
        ['x', 'exit', {}],
      ],
      ['t -> m', 'm -> w', 'w -> c', 'c:no -> m', 'c:yes -> x'],
    );
    const t0 = Date.UTC(2026, 5, 1, 12);
    const out = drive({ document: doc, state: start(doc, t0), contact: contactView({ attributes: { timezone: 'UTC' } }) }, t0, t0 + 2.5 * DAY);
    expect(out.sent.map((s) => s.messageKey)).toEqual(['j1.1.1.m.1', 'j1.1.1.m.2', 'j1.1.1.m.3']);
  });

  it('a contact whose node vanished from the version leaves with the reason', () => {
    const doc = journey([['t', 'trigger', { trigger: { type: 'contact-created' } }]], []);
    const state = { ...startRun(doc, run(), 0), nodeId: 'gone' };
    const result = advance({ document: doc, state, contact: contactView(), now: 0, seed: 1, recentSends: [], suppressed: false });
    expect(result.state.exit?.reason).toBe('the step gone no longer exists in version 1');
  });
});

describe('entry and re-entry', () => {
  const trigger = { type: 'event' as const, event: { name: 'added_to_cart', filters: [] } };
  const base = journey([['t', 'trigger', { trigger }]], []).settings;
  const signal = (at: number) => ({ type: 'event' as const, event: { name: 'added_to_cart', at, properties: {} } });
  const fresh = { entries: 0, lastEnteredAt: null, lastExitedAt: null, activeRuns: 0 };

  it('admits a first entry only when the trigger matches', () => {
    expect(decideEntry(trigger, base, fresh, signal(0))).toEqual({ admit: true, reason: 'first entry' });
    expect(decideEntry(trigger, base, fresh, { type: 'event', event: { name: 'viewed', at: 0, properties: {} } }).admit).toBe(false);
    expect(decideEntry({ type: 'tag-added', tag: 'trial' }, base, fresh, { type: 'tag-added', tag: 'trial', at: 0 }).admit).toBe(true);
    expect(decideEntry({ type: 'segment-entered', segmentId: 's1' }, base, fresh, { type: 'segment-entered', segmentId: 's2', at: 0 }).admit).toBe(false);
  });

  it('applies the re-entry modes, the minimum gap and the entry limit', () => {
    const once = { entries: 1, lastEnteredAt: 0, lastExitedAt: DAY, activeRuns: 0 };
    expect(decideEntry(trigger, base, once, signal(30 * DAY))).toMatchObject({ admit: false, reason: 'already entered once and re-entry is off' });
    const afterExit = { ...base, reentry: { mode: 'after-exit' as const, minGap: days(7) } };
    expect(decideEntry(trigger, afterExit, { ...once, activeRuns: 1, lastExitedAt: null }, signal(30 * DAY)).reason).toBe('still in the journey (re-entry only after exit)');
    expect(decideEntry(trigger, afterExit, once, signal(3 * DAY))).toMatchObject({ admit: false, reason: 'entered less than 7 days ago' });
    expect(decideEntry(trigger, afterExit, once, signal(8 * DAY))).toMatchObject({ admit: true, reason: 're-entry #2 (after-exit)' });
    const always = { ...base, reentry: { mode: 'always' as const, minGap: null }, entryLimit: 3 };
    expect(decideEntry(trigger, always, { ...once, activeRuns: 1 }, signal(DAY)).admit).toBe(true);
    expect(decideEntry(trigger, always, { ...once, entries: 3 }, signal(DAY))).toMatchObject({ admit: false, reason: 'already entered 3 time(s), the limit is 3' });
  });
});

describe('the date-attribute trigger', () => {
  const birthday = { type: 'date-attribute' as const, attribute: 'birthday', offsetDays: -3, yearly: true };
  it('fires on the day offset from the date, every year when yearly, in the contact zone', () => {
    const at = (iso: string, zone = 'Europe/Paris') => DateTime.fromISO(iso, { zone }).toMillis();
    expect(dateTriggerOccurrence(birthday, '1990-05-17', 'Europe/Paris', at('2026-05-14T00:30'))).toBe('2026-05-14');
    expect(dateTriggerOccurrence(birthday, '1990-05-17', 'Europe/Paris', at('2026-05-15T09:00'))).toBeUndefined();
    // 23:30 UTC on the 13th is already the 14th in Paris.
    expect(dateTriggerOccurrence(birthday, '1990-05-17', 'Europe/Paris', Date.UTC(2026, 4, 13, 23, 30))).toBe('2026-05-14');
    // Early January looks back at a December date of the previous year.
    expect(dateTriggerOccurrence(birthday, '1990-01-02', 'UTC', Date.UTC(2026, 11, 30, 12))).toBe('2026-12-30');
    const once = { ...birthday, yearly: false, offsetDays: 30 };
    expect(dateTriggerOccurrence(once, '2026-04-01', 'UTC', Date.UTC(2026, 4, 1, 8))).toBe('2026-05-01');
    expect(dateTriggerOccurrence(once, '2025-04-01', 'UTC', Date.UTC(2026, 4, 1, 8))).toBeUndefined();
    expect(dateTriggerOccurrence(once, 'not a date', 'UTC', 0)).toBeUndefined();
  });
});

describe('pausing before a node (the simulator’s breakpoints)', () => {
  const doc = journey(
    [
      ['t', 'trigger', { trigger: { type: 'contact-created' } }],
      ['w', 'wait', { wait: { type: 'duration', duration: hours(1) } }],
      ['m', 'email', emailConfig('t_cart')],
      ['x', 'exit', {}, 'Done'],
      ['g', 'goal', { goal: { type: 'event', event: purchased } }, 'Purchased'],
    ],
    ['t -> w', 'w -> m', 'm -> x'],
  );
  const t0 = Date.UTC(2026, 5, 1, 12);
  const base = { document: doc, contact: contactView(), seed: 1, recentSends: [], suppressed: false };
  const waiting = advance({ ...base, state: start(doc, t0), now: t0 }).state;

  it('stops when the contact arrives at an email step, before the email goes out; going on sends it', () => {
    const plain = advance({ ...base, state: waiting, now: t0 + HOUR });
    const paused = advance({ ...base, state: waiting, now: t0 + HOUR, pauseBefore: new Set(['m']) });
    expect(paused.pausedBefore).toBe('m');
    expect(paused.steps.map((s) => [s.nodeId, s.outcome])).toEqual([['w', 'resumed']]);
    expect(paused.emails).toEqual([]);
    expect(paused.state).toMatchObject({ status: 'active', nodeId: 'm', wait: null, nodeEnteredAt: t0 + HOUR });
    expect(paused.wakeAt).toBe(t0 + HOUR);

    const on = advance({ ...base, state: paused.state, now: t0 + HOUR, pauseBefore: new Set(['m']), pauseTakenAt: 'm' });
    expect(on.pausedBefore).toBeUndefined();
    expect([...paused.steps, ...on.steps]).toEqual(plain.steps);
    expect(on.emails).toEqual(plain.emails);
    expect(on.state).toEqual(plain.state);
  });

  it('stops just before an exit node, the contact still in the journey', () => {
    const paused = advance({ ...base, state: waiting, now: t0 + HOUR, pauseBefore: new Set(['x']) });
    expect(paused.pausedBefore).toBe('x');
    expect(paused.steps.map((s) => [s.nodeId, s.outcome])).toEqual([
      ['w', 'resumed'],
      ['m', 'sent'],
    ]);
    expect(paused.state).toMatchObject({ status: 'active', nodeId: 'x', exit: null });
    const on = advance({ ...base, state: paused.state, now: t0 + HOUR, pauseBefore: new Set(['x']), pauseTakenAt: 'x' });
    expect(on.steps.map((s) => [s.nodeId, s.outcome])).toEqual([['x', 'exited']]);
  });

  it('stops before the trigger acts, and before jumping to a goal (the contact stays where they rest)', () => {
    const atEntry = advance({ ...base, state: start(doc, t0), now: t0, pauseBefore: new Set(['t']) });
    expect(atEntry).toMatchObject({ pausedBefore: 't', steps: [] });

    const bought = contactView({ events: [event('purchased', t0 + HOUR / 2)] });
    const beforeGoal = advance({ ...base, contact: bought, state: waiting, now: t0 + HOUR / 2, pauseBefore: new Set(['g']) });
    expect(beforeGoal).toMatchObject({ pausedBefore: 'g', steps: [], state: { nodeId: 'w', goalsReached: [] } });
    const jumped = advance({ ...base, contact: bought, state: beforeGoal.state, now: t0 + HOUR / 2, pauseBefore: new Set(['g']), pauseTakenAt: 'g' });
    expect(jumped.steps.map((s) => [s.nodeId, s.outcome])).toEqual([
      ['g', 'goal'],
      ['g', 'exited'],
    ]);
  });

  it('gives callers that do not pass the option the result they always got, without a pausedBefore key', () => {
    const result = advance({ ...base, state: waiting, now: t0 + HOUR });
    expect(Object.keys(result).sort()).toEqual(['contactChanges', 'emails', 'state', 'steps', 'wakeAt', 'wakeOnEvents']);
    expect(advance({ ...base, state: waiting, now: t0 + HOUR, pauseBefore: new Set() })).toEqual(result);
  });
});
