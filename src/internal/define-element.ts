/**
 * Registers `constructor` as `tag` in `registry` unless that tag is already taken, so
 * importing two define modules, or one twice, never throws.
 */
export function defineElement(
  tag: string,
  constructor: CustomElementConstructor,
  registry: CustomElementRegistry = customElements,
): void {
  if (!registry.get(tag)) registry.define(tag, constructor);
}
