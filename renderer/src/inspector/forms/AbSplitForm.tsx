import { newId } from '../../../../shared/util/ids.ts';
import { NumberField, TextField } from '../fields.tsx';
import type { FormProps } from '../formProps.ts';

type Variant = { id: string; name: string; percent: number | undefined };

export function AbSplitForm({ config, onChange, errors }: FormProps) {
  const variants = (Array.isArray(config.variants) ? config.variants : []) as Variant[];
  const setVariants = (next: Variant[]) => onChange({ ...config, variants: next });
  const setVariant = (i: number, patch: Partial<Variant>) => setVariants(variants.map((v, j) => (j === i ? { ...v, ...patch } : v)));
  const total = variants.reduce((sum, v) => sum + (typeof v.percent === 'number' && !Number.isNaN(v.percent) ? v.percent : 0), 0);
  return (
    <>
      {variants.map((variant, i) => (
        <div className="row variant-row" key={variant.id} role="group" aria-label={`Variant ${i + 1}`}>
          <TextField label={`Variant ${i + 1} name`} value={variant.name} onChange={(name) => setVariant(i, { name })} error={errors.get(`variants[${i}].name`)} />
          <NumberField label={`Variant ${i + 1} percent`} value={variant.percent} min={0} max={100} onChange={(percent) => setVariant(i, { percent })} error={errors.get(`variants[${i}].percent`)} />
          <button type="button" className="icon-button" aria-label={`Remove variant ${i + 1}`} onClick={() => setVariants(variants.filter((_, j) => j !== i))}>
            ✕
          </button>
        </div>
      ))}
      <p className={`split-total${errors.get('variants') ? ' field-error' : ' muted'}`} role="status">
        Total: {total}%{errors.get('variants') ? ` — ${errors.get('variants')}` : ''}
      </p>
      <button type="button" onClick={() => setVariants([...variants, { id: newId('v'), name: String.fromCharCode(65 + variants.length), percent: 0 }])}>
        Add variant
      </button>
    </>
  );
}
