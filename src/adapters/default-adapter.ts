import type { TotpAdapter } from './adapter.js';

let defaultAdapter: TotpAdapter | undefined;
const listeners = new Set<() => void>();

/**
 * Sets the adapter used by every element whose own `adapter` is unset; `undefined` clears it.
 * Elements already on the page pick it up at once.
 */
export function setDefaultAdapter(adapter: TotpAdapter | undefined): void {
  defaultAdapter = adapter;
  listeners.forEach((listener) => listener());
}

/** The page-wide adapter set with `setDefaultAdapter()`, if any. */
export function getDefaultAdapter(): TotpAdapter | undefined {
  return defaultAdapter;
}

/** Calls `listener` after every `setDefaultAdapter()`; returns the function that stops it. */
export function onDefaultAdapterChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
