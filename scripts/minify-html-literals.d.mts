/** Types of minify-html-literals.mjs, for the browser test that checks it (test/elements/html-minify.test.ts). */
export function minifyHtmlLiterals(code: string): string;
export function htmlLiteralsPlugin(): { name: string; enforce: 'pre'; transform(code: string, id: string): Promise<{ code: string; map: null } | null> };
export function htmlTemplates(code: string): string[][];
