/** The element in `host`'s shadow root whose `part` names `name`, or `null`. */
export function shadowPart(host: Element, name: string): HTMLElement | null {
  return host.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
}

/** The text of that part with white space folded; `''` when there is no such part. */
export function partText(host: Element, name: string): string {
  return (shadowPart(host, name)?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The `<otp-input>` a flow element keeps in its light DOM. */
export function codeFieldOf(host: Element): HTMLElementTagNameMap['otp-input'] {
  return host.querySelector('otp-input')!;
}
