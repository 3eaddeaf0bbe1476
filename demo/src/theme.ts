/**
 * The theme choice: light, dark or the system's, remembered across reloads.
 * The shell keeps the current choice and applies it; the settings panel offers it.
 */
export type ThemeChoice = 'light' | 'dark' | 'system';
export const THEME_CHOICES: readonly ThemeChoice[] = ['light', 'dark', 'system'];

const THEME_KEY = 'glow-demo:theme';

/** The system's preference (what `system` follows). */
export const darkQuery = matchMedia('(prefers-color-scheme: dark)');

export function savedThemeChoice(): ThemeChoice {
  try {
    const saved = localStorage.getItem(THEME_KEY);
    if (saved === 'light' || saved === 'dark' || saved === 'system') return saved;
  } catch {
    // Default theme choice.
  }
  return 'system';
}

export function saveThemeChoice(choice: ThemeChoice): void {
  try {
    localStorage.setItem(THEME_KEY, choice);
  } catch {
    // Not remembered.
  }
}

/** `light` or `dark`: what the page and the elements' `theme` show for a choice. */
export function resolveTheme(choice: ThemeChoice): 'light' | 'dark' {
  if (choice === 'system') return darkQuery.matches ? 'dark' : 'light';
  return choice;
}
