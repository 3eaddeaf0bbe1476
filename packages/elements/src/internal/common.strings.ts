import type { LocaleTable } from './strings.js';

/**
 * Strings every element shares: segment words, common buttons, and the
 * translations of error codes (`error.<code>`). Each element's table is
 * merged over these (`mergeLocales(commonStrings, own)`), so an element can
 * still say something its own way. English has no `error.*` keys on purpose:
 * English shows the store's message, which names the specifics.
 */
export const commonStrings: LocaleTable = {
  en: {
    unassigned: 'Unassigned',
    members_one: '{count} member',
    members_other: '{count} members',
    retry: 'Retry',
    dismiss: 'Dismiss',
    offline: 'Offline: counts may be out of date.',
  },
  es: {
    unassigned: 'Sin asignar',
    members_one: '{count} miembro',
    members_other: '{count} miembros',
    retry: 'Reintentar',
    dismiss: 'Descartar',
    offline: 'Sin conexión: los recuentos pueden no estar al día.',
    'error.name-taken': 'Ya existe un segmento con ese nombre.',
    'error.name-invalid': 'Escribe un nombre de 1 a 80 caracteres, sin saltos de línea.',
    'error.reserved-segment': '«Sin asignar» es un segmento integrado: elige otro.',
    'error.invalid-input': 'Algún dato no es válido.',
    'error.not-found': 'Ese segmento ya no existe.',
    'error.invite-unusable': 'Este enlace caducó, se revocó o ya no tiene usos.',
    'error.unauthorized': 'No tienes permiso para hacerlo. Vuelve a iniciar sesión.',
    'error.network': 'No se pudo conectar con el servidor.',
    'error.offline': 'Sin conexión.',
    'error.server': 'El servidor falló. Inténtalo de nuevo.',
    'error.bad-response': 'El servidor respondió algo inesperado.',
    'error.quota': 'El almacenamiento local está lleno; se sigue en memoria.',
    'error.aborted': 'Se canceló la operación.',
    'error.nothing-to-undo': 'No hay nada que deshacer.',
  },
};
