import { z } from 'zod';
import { call } from '../define.ts';
import { MAX_NAME_CHARS } from '../../limits.ts';
import { Rule } from '../../rules/rule.ts';

export const SegmentSummary = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['dynamic', 'static']),
  rule: Rule,
  updatedAt: z.number(),
});
export type SegmentSummary = z.infer<typeof SegmentSummary>;

export const SegmentPreview = z.object({
  count: z.number().int(),
  total: z.number().int(),
  sample: z.array(z.object({ id: z.number().int(), email: z.string(), firstName: z.string().nullable(), lastName: z.string().nullable() })),
  /** Below this many contacts a segment is too small to learn from (over-segmentation). */
  minimumSize: z.number().int(),
  tooSmall: z.boolean(),
});
export type SegmentPreview = z.infer<typeof SegmentPreview>;

const SegmentName = z.string().trim().min(1, 'a segment needs a name').max(MAX_NAME_CHARS);

export const segmentCalls = {
  'segments.list': call('Every segment, by name.', z.object({}), z.array(SegmentSummary)),
  'segments.get': call('One segment.', z.object({ id: z.string() }), SegmentSummary),
  'segments.save': call(
    'Create a dynamic segment (no id) or change one: its name and rule.',
    z.object({ id: z.string().optional(), name: SegmentName, rule: Rule }),
    SegmentSummary,
  ),
  'segments.delete': call('Delete a segment.', z.object({ id: z.string() }), z.object({ deleted: z.literal(true) })),
  'segments.preview': call(
    'The live count and a sample of the contacts a rule matches now.',
    z.object({ rule: Rule, sampleSize: z.number().int().min(0).max(100).default(10) }),
    SegmentPreview,
  ),
  'segments.saveStatic': call(
    'Freeze the contacts a rule matches now as a static list.',
    z.object({ name: SegmentName, rule: Rule }),
    SegmentSummary.extend({ members: z.number().int() }),
  ),
};
