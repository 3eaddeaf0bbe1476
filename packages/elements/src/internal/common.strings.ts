import type { LocaleTable } from './strings.js';

/**
 * Strings every element shares: segment words, common buttons, the sync
 * notice (`sync.*`: "Updating…", "Offline: 3 changes waiting", "Sign in
 * again to save 3 changes"; `{age}` is "5 minutes ago" in the element's
 * language), and the translations of error codes (`error.<code>`). Each
 * element's table is merged over these (`mergeLocales(commonStrings, own)`),
 * so an element can still say something its own way. English has no `error.*` keys on purpose:
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
    'sync.updating': 'Updating…',
    'sync.saved': 'Saved {age}',
    'sync.age.now': 'just now',
    'sync.stale': 'Showing saved data',
    'sync.waiting_one': 'Offline: {count} change waiting',
    'sync.waiting_other': 'Offline: {count} changes waiting',
    'sync.paused_one': 'Sign in again to save {count} change',
    'sync.paused_other': 'Sign in again to save {count} changes',
    'sync.paused.none': 'Sign in again to save your changes',
  },
  es: {
    unassigned: 'Sin asignar',
    members_one: '{count} miembro',
    members_other: '{count} miembros',
    retry: 'Reintentar',
    dismiss: 'Descartar',
    offline: 'Sin conexión: los recuentos pueden no estar al día.',
    'sync.updating': 'Actualizando…',
    'sync.saved': 'Guardado {age}',
    'sync.age.now': 'hace un momento',
    'sync.stale': 'Mostrando datos guardados',
    'sync.waiting_one': 'Sin conexión: {count} cambio pendiente',
    'sync.waiting_other': 'Sin conexión: {count} cambios pendientes',
    'sync.paused_one': 'Vuelve a iniciar sesión para guardar {count} cambio',
    'sync.paused_other': 'Vuelve a iniciar sesión para guardar {count} cambios',
    'sync.paused.none': 'Vuelve a iniciar sesión para guardar tus cambios',
    'error.name-taken': 'Ya existe un segmento con ese nombre.',
    'error.name-invalid': 'Escribe un nombre de 1 a 80 caracteres visibles, sin saltos de línea ni caracteres invisibles.',
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
