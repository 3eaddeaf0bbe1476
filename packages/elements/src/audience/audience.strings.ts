import type { LocaleTable } from '../internal/strings.js';

/** Strings of `segkit-audience` (the element merges them over the common ones and the rules' strings, `ruleStrings`). */
export const audienceStrings: LocaleTable = {
  en: {
    label: 'Audience',
    counting: 'Counting members…',
    'count-error': 'The audience could not be counted.',
    required: 'Include at least one segment.',
    everyone: 'No segment included: every member matches.',
    empty: 'No segments to target yet.',
  },
  es: {
    label: 'Audiencia',
    counting: 'Contando miembros…',
    'count-error': 'No se pudo contar la audiencia.',
    required: 'Incluye al menos un segmento.',
    everyone: 'Ningún segmento incluido: coinciden todos los miembros.',
    empty: 'Aún no hay segmentos a los que dirigirse.',
  },
};
