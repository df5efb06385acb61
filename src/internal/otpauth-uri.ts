/** What `checkOtpauthUri()` accepted of an enrollment's Key URI. */
export interface CheckedOtpauthUri {
  /** The URI's `secret`: upper-case base32 without padding. */
  secret: string;
  /** The URI declares an algorithm other than SHA1, digits other than 6 or a period other than 30. */
  nonDefault: boolean;
}

const unpadded = (base32: string) => base32.replace(/=+$/, '').toUpperCase();

/**
 * Checks a Key URI from the backend, which the elements treat as untrusted (C-16): it must be
 * `otpauth://totp/…` with a base32 `secret` parameter equal to `secret` (case-insensitive,
 * padding ignored). Returns `undefined` for anything else, so no other scheme ever reaches an `href`.
 */
export function checkOtpauthUri(uri: string, secret: string): CheckedOtpauthUri | undefined {
  // The scheme and type are tested on the raw text: URL parsing of non-special schemes varies.
  if (!/^otpauth:\/\/totp\//i.test(uri)) return undefined;
  const params = new URL(uri).searchParams;
  const uriSecret = unpadded(params.get('secret') ?? '');
  if (!/^[A-Z2-7]+$/.test(uriSecret) || uriSecret !== unpadded(secret)) return undefined;
  const nonDefault =
    (params.get('algorithm') ?? 'SHA1').toUpperCase() !== 'SHA1' ||
    (params.get('digits') ?? '6') !== '6' ||
    (params.get('period') ?? '30') !== '30';
  return { secret: uriSecret, nonDefault };
}
