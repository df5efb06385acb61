import type { TotpAdapter } from './adapter.js';

let defaultAdapter: TotpAdapter | undefined;

/** Sets the adapter used by every element whose own `adapter` is unset; `undefined` clears it. */
export function setDefaultAdapter(adapter: TotpAdapter | undefined): void {
  defaultAdapter = adapter;
}

/** The page-wide adapter set with `setDefaultAdapter()`, if any. */
export function getDefaultAdapter(): TotpAdapter | undefined {
  return defaultAdapter;
}
