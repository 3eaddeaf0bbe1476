/** Small host data the demo keeps in localStorage (campaigns, automations). */
export const CAMPAIGNS_KEY = 'glow-demo:campaigns';
export const AUTOMATIONS_KEY = 'glow-demo:automations';

export function loadList<T>(key: string): T[] {
  try {
    const value = JSON.parse(localStorage.getItem(key) ?? '[]') as unknown;
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}

export function saveList<T>(key: string, items: readonly T[]): void {
  try {
    localStorage.setItem(key, JSON.stringify(items));
  } catch {
    // Kept for this page only.
  }
}

/** Forgets the campaigns and automations (the demo data was reset). */
export function clearHostData(): void {
  for (const key of [CAMPAIGNS_KEY, AUTOMATIONS_KEY]) {
    try {
      localStorage.removeItem(key);
    } catch {
      // Nothing to clear.
    }
  }
}
