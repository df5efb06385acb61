import { expect } from '@open-wc/testing';
import {
  isAbortError,
  isTotpAdapterError,
  isTotpErrorCode,
  toAdapterError,
  TotpAdapterError,
  totpErrorCodes,
} from './adapter-error.js';
import {
  adapterErrorMessage,
  adapterErrorsEn,
  adapterErrorsRu,
  type AdapterErrorStrings,
} from './adapter-error.strings.js';

describe('TotpAdapterError', () => {
  it('carries the code, a plain-English message and the HTTP status', () => {
    const error = new TotpAdapterError('invalid_code', { status: 422 });
    expect(error).to.be.instanceOf(Error);
    expect(error.name).to.equal('TotpAdapterError');
    expect(error.code).to.equal('invalid_code');
    expect(error.status).to.equal(422);
    expect(error.message).to.equal('The code is not valid');
  });

  it('has a distinct message free of digits for every code', () => {
    const messages = totpErrorCodes.map((code) => new TotpAdapterError(code).message);
    expect(new Set(messages).size).to.equal(totpErrorCodes.length);
    for (const message of messages) expect(message).to.match(/^[A-Z][a-z -]+$/i);
  });

  it('keeps retryAfter only for rate_limited, as whole seconds of at least 1', () => {
    expect(new TotpAdapterError('rate_limited', { retryAfter: 59.2 }).retryAfter).to.equal(60);
    expect(new TotpAdapterError('rate_limited', { retryAfter: 0 }).retryAfter).to.equal(1);
    expect(new TotpAdapterError('rate_limited', { retryAfter: -5 }).retryAfter).to.equal(undefined);
    expect(new TotpAdapterError('rate_limited', { retryAfter: NaN }).retryAfter).to.equal(
      undefined,
    );
    expect(new TotpAdapterError('rate_limited', { retryAfter: Infinity }).retryAfter).to.equal(
      undefined,
    );
    expect(new TotpAdapterError('invalid_code', { retryAfter: 60 }).retryAfter).to.equal(undefined);
  });

  it('recognises codes and errors, also from another copy of the class', () => {
    expect(isTotpErrorCode('server')).to.equal(true);
    expect(isTotpErrorCode('forbidden')).to.equal(false);
    expect(isTotpAdapterError(new TotpAdapterError('server'))).to.equal(true);
    const foreign = Object.assign(new Error('x'), { name: 'TotpAdapterError', code: 'network' });
    expect(isTotpAdapterError(foreign)).to.equal(true);
    const impostor = Object.assign(new Error('x'), { name: 'TotpAdapterError', code: 'nope' });
    expect(isTotpAdapterError(impostor)).to.equal(false);
    expect(isTotpAdapterError({ name: 'TotpAdapterError', code: 'network' })).to.equal(false);
  });
});

describe('isAbortError', () => {
  it('recognises an AbortError and nothing else', () => {
    expect(isAbortError(new DOMException('aborted', 'AbortError'))).to.equal(true);
    expect(isAbortError(AbortSignal.abort().reason)).to.equal(true);
    expect(isAbortError(new DOMException('late', 'TimeoutError'))).to.equal(false);
    expect(isAbortError(new TotpAdapterError('timeout'))).to.equal(false);
    expect(isAbortError(undefined)).to.equal(false);
    expect(isAbortError('AbortError')).to.equal(false);
  });
});

describe('toAdapterError', () => {
  it('returns adapter errors unchanged', () => {
    const error = new TotpAdapterError('rate_limited', { retryAfter: 30 });
    expect(toAdapterError(error)).to.equal(error);
  });

  it('classifies what third-party adapters throw', () => {
    expect(toAdapterError(new TypeError('Failed to fetch')).code).to.equal('network');
    expect(toAdapterError(new SyntaxError('Unexpected token')).code).to.equal('malformed_response');
    expect(toAdapterError(new DOMException('late', 'TimeoutError')).code).to.equal('timeout');
    expect(toAdapterError(new DOMException('own abort', 'AbortError')).code).to.equal('timeout');
    expect(toAdapterError(new Error('boom')).code).to.equal('server');
    expect(toAdapterError('a string').code).to.equal('server');
    expect(toAdapterError(null).code).to.equal('server');
  });

  it("drops the original message, which may hold the user's code", () => {
    const error = toAdapterError(new Error('POST /verify {"code":"123456"} failed'));
    expect(error.message).not.to.contain('123456');
    expect(JSON.stringify(error)).not.to.contain('123456');
    expect(error.cause).to.equal(undefined);
  });
});

describe('adapter error strings', () => {
  const tables: [string, AdapterErrorStrings][] = [
    ['en', adapterErrorsEn],
    ['ru', adapterErrorsRu],
  ];

  it('has a message for every code in every language', () => {
    for (const [, strings] of tables) {
      for (const code of totpErrorCodes) {
        const message = adapterErrorMessage(strings, new TotpAdapterError(code));
        expect(message, code).to.be.a('string').and.have.length.greaterThan(10);
      }
    }
  });

  it('says how long to wait, in seconds below a minute and minutes above', () => {
    const wait = (seconds?: number) =>
      adapterErrorMessage(
        adapterErrorsEn,
        new TotpAdapterError('rate_limited', { retryAfter: seconds }),
      );
    expect(wait(1)).to.equal('Too many attempts. Try again in 1 second.');
    expect(wait(45)).to.equal('Too many attempts. Try again in 45 seconds.');
    expect(wait(60)).to.equal('Too many attempts. Try again in 1 minute.');
    expect(wait(61)).to.equal('Too many attempts. Try again in 2 minutes.');
    expect(wait(3600)).to.equal('Too many attempts. Try again in 60 minutes.');
    expect(wait()).to.equal('Too many attempts. Wait a few minutes and try again.');
  });

  it('declines seconds and minutes in Russian', () => {
    const wait = adapterErrorsRu.rate_limited;
    expect(wait(1)).to.equal('Слишком много попыток. Повторите через 1 секунду.');
    expect(wait(3)).to.equal('Слишком много попыток. Повторите через 3 секунды.');
    expect(wait(5)).to.equal('Слишком много попыток. Повторите через 5 секунд.');
    expect(wait(21)).to.equal('Слишком много попыток. Повторите через 21 секунду.');
    expect(wait(60)).to.equal('Слишком много попыток. Повторите через 1 минуту.');
    expect(wait(240)).to.equal('Слишком много попыток. Повторите через 4 минуты.');
    expect(wait(660)).to.equal('Слишком много попыток. Повторите через 11 минут.');
    expect(wait(undefined)).to.match(/^Слишком много попыток\. Подождите/);
  });

  it('uses the texts agreed for the common failures', () => {
    expect(adapterErrorsEn.invalid_code).to.equal(
      "That code didn't work. Check the app and try the current code.",
    );
    expect(adapterErrorsEn.code_already_used).to.equal(
      'That code was already used. Wait for the next code in your app.',
    );
  });
});
