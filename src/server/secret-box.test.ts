/// <reference types="node" />
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { createSecretBox, generateEncryptionKey } from './secret-box.js';

const secret = new Uint8Array(randomBytes(20));

describe('secret box: AES-256-GCM at rest (S-05, A-34)', () => {
  it('generates 32-byte base64 keys, all different', () => {
    const keys = new Set(Array.from({ length: 20 }, generateEncryptionKey));
    assert.equal(keys.size, 20);
    for (const key of keys) assert.equal(Buffer.from(key, 'base64').length, 32);
  });

  it('opens what it sealed, for the same user only', () => {
    const box = createSecretBox(generateEncryptionKey());
    const envelope = box.seal(secret, 'alice');
    assert.deepEqual(box.open(envelope, 'alice'), secret);
    assert.equal(box.open(envelope, 'bob'), undefined, 'the user id is associated data');
  });

  it('uses a fresh IV every time and a versioned, key-identified envelope', () => {
    const box = createSecretBox(generateEncryptionKey());
    const [a, b] = [box.seal(secret, 'alice'), box.seal(secret, 'alice')];
    assert.notEqual(a, b);
    assert.match(a, /^v1\.[\w-]{11}\.[\w-]{16}\.[\w-]+$/);
    assert.equal(a.split('.')[1], b.split('.')[1]);
    assert.ok(!a.includes(Buffer.from(secret).toString('base64url')));
  });

  it('accepts the key as bytes, base64 or base64url', () => {
    const bytes = randomBytes(32);
    const sealed = createSecretBox(bytes).seal(secret, 'alice');
    for (const key of [
      bytes.toString('base64'),
      bytes.toString('base64url'),
      new Uint8Array(bytes),
    ]) {
      assert.deepEqual(createSecretBox(key).open(sealed, 'alice'), secret);
    }
  });

  it('opens envelopes of older keys after a rotation, seals with the first', () => {
    const [oldKey, newKey] = [generateEncryptionKey(), generateEncryptionKey()];
    const old = createSecretBox(oldKey).seal(secret, 'alice');
    const rotated = createSecretBox([newKey, oldKey]);
    assert.deepEqual(rotated.open(old, 'alice'), secret);
    const fresh = rotated.seal(secret, 'alice');
    assert.equal(createSecretBox(oldKey).open(fresh, 'alice'), undefined);
    assert.deepEqual(createSecretBox(newKey).open(fresh, 'alice'), secret);
  });

  it('fails closed on missing, empty, tampered, foreign or too short secrets (A-24)', () => {
    const box = createSecretBox(generateEncryptionKey());
    const envelope = box.seal(secret, 'alice');
    const [v, id, iv, body] = envelope.split('.') as [string, string, string, string];
    const flipped = Buffer.from(body, 'base64url');
    flipped[0]! ^= 1;
    const cases = [
      null,
      undefined,
      '',
      'garbage',
      `${v}.${id}.${iv}.${flipped.toString('base64url')}`,
      `v2.${id}.${iv}.${body}`,
      `${v}.${id}.${iv.slice(2)}.${body}`,
      createSecretBox(generateEncryptionKey()).seal(secret, 'alice'),
      box.seal(new Uint8Array(0), 'alice'),
      box.seal(new Uint8Array(10), 'alice'),
    ];
    for (const sealed of cases) assert.equal(box.open(sealed, 'alice'), undefined, String(sealed));
  });
});
