import type { Db } from '../../store/database.ts';
import type { RfmCuts } from '../../../shared/rules/population.ts';
import type { Template } from '../../../shared/templates/template.ts';
import { rfmCuts } from '../segments/populationStats.ts';
import type { TemplateRenderer } from './render.ts';

/**
 * The workspace's RFM quintile cuts at `now`, the very ones a segment's RFM rule uses (segments/populationStats.ts),
 * when the template reads `rfm_group`; undefined otherwise, since they cost a query over every purchase. Work them
 * out once per batch of renders (a preview, a send batch) and pass them in each RenderInput.
 */
export function rfmCutsForTemplate(db: Db, renderer: TemplateRenderer, template: Template, now: number): RfmCuts | undefined {
  return renderer.computedFieldsRead(template).has('rfm_group') ? rfmCuts(db, now) : undefined;
}
