import type { LocaleTable } from '../internal/strings.js';

/** Strings of the include / exclude rules (filter and audience merge them into their own tables). */
export const ruleStrings: LocaleTable = {
  en: {
    include: 'Include',
    exclude: 'Exclude',
    'include-segment': 'Include {name}',
    'exclude-segment': 'Exclude {name}',
    'rule.included': 'included',
    'rule.excluded': 'excluded',
    match: 'Match included segments',
    'match.any': 'Any',
    'match.all': 'All',
  },
  es: {
    include: 'Incluir',
    exclude: 'Excluir',
    'include-segment': 'Incluir {name}',
    'exclude-segment': 'Excluir {name}',
    'rule.included': 'incluido',
    'rule.excluded': 'excluido',
    match: 'Coincidencia con los segmentos incluidos',
    'match.any': 'Cualquiera',
    'match.all': 'Todos',
  },
};
