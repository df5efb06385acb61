/** The real `<input>` that `<otp-input>` keeps in its light DOM. */
function realInput(otpInput: HTMLElement): HTMLInputElement {
  const input = otpInput.querySelector('input');
  if (!input)
    throw new Error(`<${otpInput.localName}> has no <input> child: is it defined and connected?`);
  return input;
}

/** Waits for a Lit element's pending render, if it is one. */
async function settled(element: HTMLElement): Promise<void> {
  await (element as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
}

/**
 * Types `text` into an `<otp-input>` with real key presses: focuses its input and calls
 * `sendKeys` from `@web/test-runner-commands`, an optional peer dependency needed only by
 * this helper (so it runs in @web/test-runner).
 */
export async function typeCode(otpInput: HTMLElement, text: string): Promise<void> {
  realInput(otpInput).focus();
  const { sendKeys } = await import('@web/test-runner-commands');
  // Key by key: WebKitWebDriver drops a repeated character within one `type` call.
  for (const key of text) await sendKeys({ type: key });
  await settled(otpInput);
}

/**
 * Pastes `text` into an `<otp-input>`: dispatches a cancelable, bubbling, composed
 * `ClipboardEvent('paste')` carrying `text/plain` on its input, as a browser does, and
 * returns the event so a test can check `defaultPrevented`. Needs no test framework.
 */
export async function pasteCode(otpInput: HTMLElement, text: string): Promise<ClipboardEvent> {
  const input = realInput(otpInput);
  input.focus();
  const clipboardData = new DataTransfer();
  clipboardData.setData('text/plain', text);
  const init = { clipboardData, bubbles: true, cancelable: true, composed: true };
  const event = new ClipboardEvent('paste', init);
  // Firefox ignores `clipboardData` in the constructor and hands listeners an empty one.
  if (event.clipboardData?.getData('text/plain') !== text) {
    Object.defineProperty(event, 'clipboardData', { value: clipboardData });
  }
  input.dispatchEvent(event);
  await settled(otpInput);
  return event;
}
