import { defineCollection, z } from 'astro:content';
import { glob } from 'astro/loaders';

/** Every .mdx file in content/ is a chapter page; its file name (without extension) is its URL slug. */
const chapters = defineCollection({
  loader: glob({ pattern: '*.mdx', base: './content' }),
  schema: z.object({
    title: z.string().min(1),
    /** Position in the notebook: chapters are listed and linked (previous/next) in this order. */
    order: z.number().int().positive(),
    /** One or two sentences for the chapter list and the page's meta description. */
    summary: z.string().min(1),
    /** A short title for navigation; defaults to the title. */
    short: z.string().optional(),
    /** Where the page's shared figures open (a query string over the state's defaults, e.g. "world=minor-mode&t=200"). */
    defaults: z.string().optional(),
  }),
});

export const collections = { chapters };
