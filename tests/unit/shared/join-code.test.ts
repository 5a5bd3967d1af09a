// The short join code: 40 bits of the member token's hash in Crockford's base 32.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { JOIN_CODE_BYTES, joinCodeOfHash, joinCodeOfToken, joinCodePrefix } from '../../../shared/join-code.ts';

describe('join codes', () => {
  const token = 'q3M0x5sQvR3k1w9yZ0pL8a7B6c5D4e3F2g1H0i9J8kL';
  const hash = createHash('sha256').update(token).digest();

  it('are the first 40 bits of the token hash, as XXXX-XXXX, and read back to them', () => {
    const code = joinCodeOfToken(token);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(code).toBe(joinCodeOfHash(hash));
    expect(Buffer.from(joinCodePrefix(code) ?? [])).toEqual(hash.subarray(0, JOIN_CODE_BYTES));
  });

  it('read the same typed in lower case, with spaces or no dash, and with I, L, O for 1, 1, 0', () => {
    const prefix = joinCodePrefix('0123-4567');
    expect(joinCodePrefix('01234567')).toEqual(prefix);
    expect(joinCodePrefix(' 0123 - 4567 ')).toEqual(prefix);
    expect(joinCodePrefix('oI23-4567')).toEqual(prefix);
    expect(joinCodePrefix('ol23 4567')).toEqual(prefix);
    expect(joinCodePrefix('k7m2-q9xd')).toEqual(joinCodePrefix('K7M2-Q9XD'));
  });

  it('encode every byte value, from 00 to FF', () => {
    expect(joinCodeOfHash(new Uint8Array(5))).toBe('0000-0000');
    expect(joinCodeOfHash(new Uint8Array(5).fill(255))).toBe('ZZZZ-ZZZZ');
    expect(Buffer.from(joinCodePrefix('ZZZZ-ZZZZ') ?? [])).toEqual(Buffer.alloc(5, 255));
  });

  it('refuse what is not a code: wrong length, U, punctuation', () => {
    for (const typed of ['', 'K7M2-Q9X', 'K7M2-Q9XDA', 'K7M2-Q9XU', 'K7M2.Q9XD', 'K7M2-Q9X!']) expect(joinCodePrefix(typed), typed).toBeNull();
  });
});
