import { z } from 'zod';
import { call } from '../define.ts';

export const TemplateSummary = z.object({
  id: z.string(),
  name: z.string(),
  subject: z.string(),
  preheader: z.string(),
  updatedAt: z.number(),
});
export type TemplateSummary = z.infer<typeof TemplateSummary>;

export const templateCalls = {
  'templates.list': call('Every email template, by name.', z.object({}), z.array(TemplateSummary)),
};
