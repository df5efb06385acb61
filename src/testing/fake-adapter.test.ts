import { expect } from '@open-wc/testing';
import { TotpAdapterError } from '../adapters/adapter-error.js';
import { createFakeAdapter } from './fake-adapter.js';

const outcome = (promise: Promise<unknown>) =>
  promise.then(
    (value) => ({ value }),
    (reason: unknown) => ({ reason }),
  );

describe('createFakeAdapter', () => {
  it('records every call with its arguments and counts them', () => {
    const fake = createFakeAdapter();
    void fake.verify('123456');
    void fake.confirmEnrollment('e1', '654321');
    void fake.verify('111111');
    expect(fake.calls.map(({ method, args }) => [method, args])).to.deep.equal([
      ['verify', ['123456']],
      ['confirmEnrollment', ['e1', '654321']],
      ['verify', ['111111']],
    ]);
    expect([fake.callCount('verify'), fake.callCount('disable'), fake.callCount()]).to.deep.equal([
      2, 0, 3,
    ]);
  });

  it('keeps calls pending until the test settles the oldest one', async () => {
    const fake = createFakeAdapter();
    const first = outcome(fake.verify('123456'));
    const second = outcome(fake.verify('654321'));
    fake.next('verify').resolve({ redirectTo: '/home' });
    const error = new TotpAdapterError('invalid_code');
    fake.next('verify').reject(error);
    expect(await first).to.deep.equal({ value: { redirectTo: '/home' } });
    expect(await second).to.deep.equal({ reason: error });
    expect(fake.calls.every((call) => call.settled)).to.equal(true);
  });

  it('refuses to settle a call twice or a call that does not exist', () => {
    const fake = createFakeAdapter();
    expect(() => fake.next('status')).to.throw('No pending status call');
    void fake.status().catch(() => undefined);
    const call = fake.next('status');
    call.resolve({ enabled: true });
    expect(() => call.reject(new Error('late'))).to.throw('status call #1 is already settled');
  });

  it('rejects aborted calls with AbortError and marks them aborted', async () => {
    const fake = createFakeAdapter();
    const early = outcome(fake.disable('123456', { signal: AbortSignal.abort() }));
    const controller = new AbortController();
    const late = outcome(fake.disable('654321', { signal: controller.signal }));
    expect(fake.next('disable').args).to.deep.equal(['654321']);
    controller.abort();
    for (const result of [await early, await late]) {
      expect((result as { reason: DOMException }).reason.name).to.equal('AbortError');
    }
    expect(fake.calls.map((call) => [call.aborted, call.settled])).to.deep.equal([
      [true, true],
      [true, true],
    ]);
    expect(fake.calls[1]!.signal).to.equal(controller.signal);
    expect(() => fake.next('disable')).to.throw();
  });
});
