import type { JourneyDocument } from '../../../shared/journey/journey.ts';
import type { Rule } from '../../../shared/rules/rule.ts';
import { autoLayout } from '../../../shared/journey/autoLayout.ts';
import { JourneyBuilder } from './journeyBuilder.ts';

const hours = (amount: number) => ({ amount, unit: 'hours' as const });
const days = (amount: number) => ({ amount, unit: 'days' as const });
const purchased = { name: 'purchased', filters: [] };
const purchasedSinceEntry: Rule = { type: 'event-since-entry', event: purchased, happened: true };

/** Cart abandonment: reminders at 1 h, 24 h and 48 h; buying at any point ends it. */
function cartAbandonment(): JourneyDocument {
  return new JourneyBuilder()
    .add('n_trigger', 'trigger', 'Added to cart', { trigger: { type: 'event', event: { name: 'added_to_cart', filters: [] } } })
    .add('n_wait_1h', 'wait', 'Wait 1 hour', { wait: { type: 'duration', duration: hours(1) } })
    .add('n_bought_1', 'condition', 'Purchased since entry?', { rule: purchasedSinceEntry })
    .add('n_email_1', 'email', 'Reminder: you left something', { templateId: 't_cart_1', sendWindow: null })
    .add('n_wait_24h_1', 'wait', 'Wait 24 hours', { wait: { type: 'duration', duration: hours(24) } })
    .add('n_email_2', 'email', 'Reminder: still available', { templateId: 't_cart_2', sendWindow: null })
    .add('n_wait_24h_2', 'wait', 'Wait 24 hours', { wait: { type: 'duration', duration: hours(24) } })
    .add('n_email_3', 'email', 'Last call: 10% off', { templateId: 't_cart_3', sendWindow: null })
    .add('n_exit', 'exit', 'Done', {})
    .add('n_goal', 'goal', 'Purchased', { goal: { type: 'event', event: purchased } }, 1)
    .chain('n_trigger', 'n_wait_1h', 'n_bought_1')
    .link('n_bought_1', 'n_email_1', 'no')
    .link('n_bought_1', 'n_goal', 'yes')
    .chain('n_email_1', 'n_wait_24h_1', 'n_email_2', 'n_wait_24h_2', 'n_email_3', 'n_exit')
    .build({
      quietHours: { start: '21:00', end: '08:00', fallbackTimezone: 'America/New_York' },
      reentry: { mode: 'after-exit', minGap: days(7) },
    });
}

/** The SendX 21-day trial: emails on days 1, 3, 7, 10, 12, 15, 18, 20 and 21 whose content follows what the user did. */
function trialDrip(): JourneyDocument {
  const b = new JourneyBuilder().add('n_trigger', 'trigger', 'Trial started', { trigger: { type: 'tag-added', tag: 'trial' } });
  const schedule = [1, 3, 7, 10, 12, 15, 18, 20];
  let previousDay = 0;
  let previous = 'n_trigger';
  for (const day of schedule) {
    b.add(`n_wait_d${day}`, 'wait', `Until day ${day}`, { wait: { type: 'duration', duration: days(day - previousDay) } })
      .add(`n_email_d${day}`, 'email', `Day ${day} email`, { templateId: `t_trial_day_${day}`, sendWindow: { startHour: 9, endHour: 18 } })
      .chain(previous, `n_wait_d${day}`, `n_email_d${day}`);
    previous = `n_email_d${day}`;
    previousDay = day;
  }
  return b
    .add('n_wait_d21', 'wait', 'Until day 21', { wait: { type: 'duration', duration: days(1) } })
    .add('n_ab_d21', 'ab-split', 'Last-day offer test', {
      variants: [
        { id: 'v_a', name: 'Plain reminder', percent: 50 },
        { id: 'v_b', name: 'Discount', percent: 50 },
      ],
    })
    .add('n_email_d21', 'email', 'Day 21: trial ends', { templateId: 't_trial_day_21', sendWindow: { startHour: 9, endHour: 18 } })
    .add('n_exit', 'exit', 'Trial over', {})
    .add('n_email_d21_b', 'email', 'Day 21: 20% off', { templateId: 't_trial_day_21_b', sendWindow: { startHour: 9, endHour: 18 } }, 1)
    .add('n_goal', 'goal', 'Upgraded', { goal: { type: 'event', event: { name: 'upgraded', filters: [] } } }, 1)
    .chain(previous, 'n_wait_d21', 'n_ab_d21')
    .link('n_ab_d21', 'n_email_d21', 'v_a')
    .link('n_ab_d21', 'n_email_d21_b', 'v_b')
    .link('n_email_d21', 'n_exit')
    .link('n_email_d21_b', 'n_exit')
    .build({ exitCriteria: [{ name: 'upgraded', filters: [] }], reentry: { mode: 'never', minGap: null } });
}

/** Win-back for buyers who have not bought in 90 days. */
function winBack(): JourneyDocument {
  return new JourneyBuilder()
    .add('n_trigger', 'trigger', 'Became a lapsed buyer', { trigger: { type: 'segment-entered', segmentId: 's_lapsed_buyers' } })
    .add('n_email_1', 'email', 'We miss you', { templateId: 't_winback_1', sendWindow: null })
    .add('n_wait_7d', 'wait', 'Wait 7 days', { wait: { type: 'duration', duration: days(7) } })
    .add('n_back', 'condition', 'Purchased since entry?', { rule: purchasedSinceEntry })
    .add('n_email_2', 'email', '15% off', { templateId: 't_winback_2', sendWindow: null })
    .add('n_wait_for_buy', 'wait-for-event', 'Wait for a purchase', { event: purchased, timeout: days(14) })
    .add('n_tag_lost', 'update-contact', 'Tag as lost', { actions: [{ op: 'add-tag', tag: 'lost' }] })
    .add('n_exit', 'exit', 'Done', {})
    .add('n_goal', 'goal', 'Came back', { goal: { type: 'event', event: purchased } }, 1)
    .chain('n_trigger', 'n_email_1', 'n_wait_7d', 'n_back')
    .link('n_back', 'n_goal', 'yes')
    .link('n_back', 'n_email_2', 'no')
    .link('n_email_2', 'n_wait_for_buy')
    .link('n_wait_for_buy', 'n_goal', 'happened')
    .link('n_wait_for_buy', 'n_tag_lost', 'timed-out')
    .chain('n_tag_lost', 'n_exit')
    .build({
      frequencyCap: { limits: [{ count: 1, period: hours(16) }, { count: 3, period: days(7) }], whenCapped: 'defer' },
      reentry: { mode: 'after-exit', minGap: days(90) },
    });
}

/** 'Bought before, nothing in the last 90 days': the win-back journey's audience. */
export const lapsedBuyersRule: Rule = {
  type: 'all',
  rules: [
    { type: 'event-count', event: purchased, op: 'gte', count: 1, window: null },
    { type: 'event-count', event: purchased, op: 'eq', count: 0, window: days(90) },
  ],
};

/** Laid out by the canvas's own Auto-layout, so the sample journeys open as tidy as a marketer would leave them. */
const tidy = (document: JourneyDocument): JourneyDocument => ({ ...document, layout: { ...document.layout, positions: autoLayout(document) } });

export const sampleJourneys = (): Array<{ id: string; name: string; document: JourneyDocument }> => [
  { id: 'j_cart_abandonment', name: 'Cart abandonment', document: tidy(cartAbandonment()) },
  { id: 'j_trial_drip', name: '21-day trial nurture', document: tidy(trialDrip()) },
  { id: 'j_win_back', name: 'Win-back lapsed buyers', document: tidy(winBack()) },
];

export const sampleSegments = [{ id: 's_lapsed_buyers', name: 'Lapsed buyers', rule: lapsedBuyersRule }];
