declare global {
  // Lit's development build records every warning it has issued on the page here.
  var litIssuedWarnings: Set<string> | undefined;
}

/** The Lit dev-mode warnings issued so far on this page, less the "dev mode" notice itself. */
export function litWarnings(): string[] {
  return [...(globalThis.litIssuedWarnings ?? [])].filter(
    (warning) => !warning.startsWith('Lit is in dev mode'),
  );
}
