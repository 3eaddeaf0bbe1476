import type { LocaleTable } from '../internal/strings.js';

/**
 * Strings of the include / exclude rules and of the segment list they show
 * (filter and audience spread them into their own tables).
 */
export const ruleStrings: LocaleTable = {
  en: {
    include: 'Include',
    exclude: 'Exclude',
    'include-segment': 'Include {name}',
    'exclude-segment': 'Exclude {name}',
    match: 'Match included segments',
    'match.any': 'Any',
    'match.all': 'All',
    segments: 'Segments',
    loading: 'Loading segments…',
    'load-error': 'Segments could not be loaded.',
  },
  es: {
    include: 'Incluir',
    exclude: 'Excluir',
    'include-segment': 'Incluir {name}',
    'exclude-segment': 'Excluir {name}',
    match: 'Coincidencia con los segmentos incluidos',
    'match.any': 'Cualquiera',
    'match.all': 'Todos',
    segments: 'Segmentos',
    loading: 'Cargando segmentos…',
    'load-error': 'No se pudieron cargar los segmentos.',
  },
};
