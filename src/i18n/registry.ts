import type { ReactiveControllerHost } from '@lit/reactive-element';
import type { PartialTranslation } from './translation.js';

const translations = new Map<string, PartialTranslation[]>();

/** Connected localized elements; they re-render when a translation or a `lang` changes. */
export const localizedHosts = new Set<ReactiveControllerHost>();

/**
 * Adds strings for a language (`'ru'`, `'pt-BR'`). Call it again to override single keys;
 * elements on the page re-render at once.
 */
export function registerTranslation(lang: string, translation: PartialTranslation): void {
  const key = lang.toLowerCase();
  translations.set(key, [...(translations.get(key) ?? []), translation]);
  localizedHosts.forEach((host) => host.requestUpdate());
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
