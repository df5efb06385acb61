import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import { localizedHosts, translationsFor } from './registry.js';
import type { Translation } from './translation.js';

type Host = ReactiveControllerHost & HTMLElement;

const langObserver = new MutationObserver(() =>
  localizedHosts.forEach((host) => host.requestUpdate()),
);

/** The `lang` of the closest ancestor that has one, crossing shadow roots; `''` when none. */
export function closestLang(element: Element): string {
  let node: Element | null = element;
  while (node) {
    const withLang: Element | null = node.closest('[lang]');
    if (withLang) return withLang.getAttribute('lang')!;
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return '';
}

/**
 * Gives an element the strings of one namespace in the language of its closest `lang`,
 * merged over the English defaults and under the element's own overrides (its `strings`
 * property, read through `overrides`), and re-renders it when any `lang` attribute on its
 * way to the document changes.
 */
export class LocalizeController<N extends keyof Translation> implements ReactiveController {
  readonly #host: Host;
  readonly #namespace: N;
  readonly #english: Translation[N];
  readonly #overrides: () => Partial<Translation[N]> | undefined;

  constructor(
    host: Host,
    namespace: N,
    english: Translation[N],
    overrides: () => Partial<Translation[N]> | undefined = () => undefined,
  ) {
    this.#host = host;
    this.#namespace = namespace;
    this.#english = english;
    this.#overrides = overrides;
    host.addController(this);
  }

  /** The resolved language tag, `'en'` when the page declares none. */
  get lang(): string {
    return closestLang(this.#host) || 'en';
  }

  /** The merged strings for the current language. */
  get strings(): Translation[N] {
    const registered = translationsFor(this.lang).map((table) => table[this.#namespace]);
    return Object.assign({}, this.#english, ...registered, this.#overrides());
  }

  hostConnected(): void {
    localizedHosts.add(this.#host);
    let root = this.#host.getRootNode();
    const options = { subtree: true, attributeFilter: ['lang'] };
    while (root instanceof ShadowRoot) {
      langObserver.observe(root, options);
      root = root.host.getRootNode();
    }
    langObserver.observe(document, options);
  }

  hostDisconnected(): void {
    localizedHosts.delete(this.#host);
  }
}
