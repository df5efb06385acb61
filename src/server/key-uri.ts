/** RFC 3986 percent-encoding: space is `%20` (never `+`), `+` is `%2B`, `!'()*` are encoded too. */
const encode = (text: string) =>
  encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/**
 * The Key Uri Format URI of a TOTP secret (A-18): label `<issuer>:<account>`, an `issuer`
 * parameter equal to the label prefix, and the contract's fixed SHA1, 6 digits, 30 s. Neither
 * `issuer` nor `accountName` may contain `:`; the caller checks.
 */
export function keyUri(issuer: string, accountName: string, secretBase32: string): string {
  const encodedIssuer = encode(issuer);
  return (
    `otpauth://totp/${encodedIssuer}:${encode(accountName)}?secret=${secretBase32}` +
    `&issuer=${encodedIssuer}&algorithm=SHA1&digits=6&period=30`
  );
}

/** Whether `label` can be an issuer or account name of a Key URI: non-empty, no `:` (KUF). */
export const isLabelPart = (label: unknown): label is string =>
  typeof label === 'string' && label.trim() !== '' && !label.includes(':');
