const consoleMethods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

/**
 * Records what a flow could leak a secret or code into (C-12, C-13): console output and the
 * detail of every dispatched event while watching; then, on `found()`, browser storage,
 * cookies, the URL, `history.state` and the attributes and text of the light DOM under `root`.
 */
export function watchForLeaks() {
  const seen: string[] = [];
  const originals = consoleMethods.map((method) => console[method]);
  for (const method of consoleMethods) {
    console[method] = (...args: unknown[]) => {
      seen.push(`console.${method}: ${args.map(String).join(' ')}`);
    };
  }
  const dispatch = EventTarget.prototype.dispatchEvent;
  EventTarget.prototype.dispatchEvent = function (event: Event) {
    const detail = (event as Event & { detail?: unknown }).detail;
    if (detail !== undefined && !event.type.startsWith('otp-input')) {
      seen.push(`event ${event.type}: ${JSON.stringify(detail)}`);
    }
    return dispatch.call(this, event);
  };

  const stop = () => {
    consoleMethods.forEach((method, index) => (console[method] = originals[index]));
    EventTarget.prototype.dispatchEvent = dispatch;
  };

  /** Every place under watch that holds one of `needles`. */
  const found = (needles: string[], root: Element): string[] => {
    const attributes = [root, ...root.querySelectorAll('*')].flatMap((element) =>
      [...element.attributes].map(
        (attribute) => `attribute ${attribute.name}="${attribute.value}"`,
      ),
    );
    const places = [
      ...seen,
      ...attributes,
      `light DOM text: ${root.textContent}`,
      `localStorage: ${JSON.stringify({ ...localStorage })}`,
      `sessionStorage: ${JSON.stringify({ ...sessionStorage })}`,
      `cookie: ${document.cookie}`,
      `location: ${location.href}`,
      `history.state: ${JSON.stringify(history.state)}`,
    ];
    return places.filter((place) => needles.some((needle) => place.includes(needle)));
  };

  return { found, stop };
}
