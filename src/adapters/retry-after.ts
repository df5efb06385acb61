const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const day = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const time = '(\\d{2}):(\\d{2}):(\\d{2})';
// The three HTTP-date forms (RFC 9110 §5.6.7); recipients must accept all of them.
const imfFixdate = new RegExp(`^${day}, (\\d{2}) ([A-Z][a-z]{2}) (\\d{4}) ${time} GMT$`);
const rfc850 = new RegExp(`^${day}[a-z]{0,6}, (\\d{2})-([A-Z][a-z]{2})-(\\d{2}) ${time} GMT$`);
const asctime = new RegExp(`^${day} ([A-Z][a-z]{2}) ([ \\d]\\d) ${time} (\\d{4})$`);

type DateFields = [day: number, month: string, year: number, h: number, m: number, s: number];

/** The fields of an HTTP-date in any of its three forms. */
function dateFields(text: string, now: number): DateFields | undefined {
  let match = imfFixdate.exec(text);
  if (match) {
    const [, d, mon, y, h, m, s] = match;
    return [+d, mon, +y, +h, +m, +s];
  }
  match = asctime.exec(text);
  if (match) {
    const [, mon, d, h, m, s, y] = match;
    return [+d, mon, +y, +h, +m, +s];
  }
  match = rfc850.exec(text);
  if (match) {
    const [, d, mon, yy, h, m, s] = match;
    // A two-digit year more than 50 years ahead means the most recent such year in the past.
    const year = 2000 + Number(yy);
    return [+d, mon, year > new Date(now).getUTCFullYear() + 50 ? year - 100 : year, +h, +m, +s];
  }
  return undefined;
}

/** Milliseconds since the epoch of an HTTP-date, or `undefined` if `text` is not a valid one. */
function parseHttpDate(text: string, now: number): number | undefined {
  const fields = dateFields(text, now);
  if (!fields) return undefined;
  const [d, mon, y, h, m, s] = fields;
  const month = months.indexOf(mon);
  const date = new Date(Date.UTC(y, month, d, h, m, s));
  const valid = month >= 0 && date.getUTCDate() === d && h < 24 && m < 60 && s < 61;
  return valid ? date.getTime() : undefined;
}

/**
 * Whole seconds (at least 1) to wait, from a `Retry-After` value given as delta-seconds or as
 * an HTTP-date; `undefined` when the header is absent or not valid (`abc`, `-5`, `1.5`).
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    const seconds = Number(text);
    return Number.isSafeInteger(seconds) ? Math.max(1, seconds) : undefined;
  }
  const at = parseHttpDate(text, now);
  return at === undefined ? undefined : Math.max(1, Math.ceil((at - now) / 1000));
}
