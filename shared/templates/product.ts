import { z } from 'zod';

/** A product as templates see it: in recommendations, in last_product, in a cart's items. */
export const Product = z.object({
  id: z.string(),
  name: z.string(),
  category: z.string().optional(),
  price: z.number().optional(),
  url: z.string().optional(),
  imageUrl: z.string().optional(),
});
export type Product = z.infer<typeof Product>;
