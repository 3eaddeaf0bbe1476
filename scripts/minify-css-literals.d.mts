/** Types of minify-css-literals.mjs, for the browser test that checks it (test/elements/css-minify.test.ts). */
export function minifyCss(text: string): string;
export function minifyCssLiterals(code: string): string;
export function cssLiteralsPlugin(): { name: string; enforce: 'pre'; transform(code: string, id: string): { code: string; map: null } | null };
