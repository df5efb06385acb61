import type { PartialTranslation } from './translation.js';

const translations = new Map<string, PartialTranslation[]>();
const listeners = new Set<() => void>();

/**
 * Adds strings for a language (`'ru'`, `'pt-BR'`). Call it again to override single keys;
 * elements on the page re-render at once.
 */
export function registerTranslation(lang: string, translation: PartialTranslation): void {
  const key = lang.toLowerCase();
  translations.set(key, [...(translations.get(key) ?? []), translation]);
  listeners.forEach((listener) => listener());
}

/** The registered tables for `lang`, most general first (`pt`, then `pt-br`). */
export function translationsFor(lang: string): PartialTranslation[] {
  const key = lang.toLowerCase();
  const base = key.split('-')[0];
  return [
    ...(base !== key ? (translations.get(base) ?? []) : []),
    ...(translations.get(key) ?? []),
  ];
}

/** Calls `listener` whenever a translation is registered; returns the unsubscribe function. */
export function onTranslationsChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
