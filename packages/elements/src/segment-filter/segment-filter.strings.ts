import type { LocaleTable } from '../internal/strings.js';
import { ruleStrings } from '../rules/rules.strings.js';

/** Strings of `segkit-segment-filter` (merged over the common ones; the rules' strings included). */
export const segmentFilterStrings: LocaleTable = {
  en: {
    ...ruleStrings.en,
    title: 'Saved Segments',
    filter: 'Filter',
    'filter.with-count': 'Filter ({count})',
    search: 'Search',
    'search.placeholder': 'Name, email…',
    apply: 'Apply',
    reset: 'Reset',
    dirty: 'Changes not applied yet',
    applied: 'Applied filter:',
    'chip.all-members': 'All members',
    'chip.not-segment': 'not {name}',
    'chip.search': '“{text}”',
    'chip.match-all': 'Match: all',
    empty: 'No saved segments yet.',
    'announce.applied': 'Filter applied.',
    'announce.reset': 'Filter cleared.',
  },
  es: {
    ...ruleStrings.es,
    title: 'Segmentos guardados',
    filter: 'Filtrar',
    'filter.with-count': 'Filtrar ({count})',
    search: 'Buscar',
    'search.placeholder': 'Nombre, correo…',
    apply: 'Aplicar',
    reset: 'Restablecer',
    dirty: 'Cambios sin aplicar',
    applied: 'Filtro aplicado:',
    'chip.all-members': 'Todos los miembros',
    'chip.not-segment': 'no {name}',
    'chip.search': '«{text}»',
    'chip.match-all': 'Coincidencia: todos',
    empty: 'Aún no hay segmentos guardados.',
    'announce.applied': 'Filtro aplicado.',
    'announce.reset': 'Filtro borrado.',
  },
};
