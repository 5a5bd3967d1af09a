// The short join address shown on the room's screen: `/j/K7M2-Q9XD`, eight characters to
// type when the QR code cannot be scanned. The code is the first 40 bits of the SHA-256 of
// the member link's token, written in Crockford's base 32 (no I, L, O or U; those typed by
// mistake read as 1, 1 and 0). So:
// - the server finds the session from the hashes it already stores (it never stores a raw
//   token, nor the code);
// - whoever holds the member link (the host, the screen through its `#join=` fragment)
//   computes the code without asking anyone;
// - renewing the member link renews the code: the old one opens nothing.
// A code is a way in as a member, like the link: the server rate-limits its lookups per
// address (JOIN_CODE_PER_MINUTE), and 40 bits take far more guesses than that allows.
import { digest } from 'lib0/hash/sha256';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** The bytes of the member token's hash that a code carries. */
export const JOIN_CODE_BYTES = 5;
const CHARS = (JOIN_CODE_BYTES * 8) / 5;

/** The code of a member link, from the SHA-256 of its token, as `XXXX-XXXX`. */
export function joinCodeOfHash(tokenHash: Uint8Array): string {
  let bits = 0n;
  for (const byte of tokenHash.subarray(0, JOIN_CODE_BYTES)) bits = (bits << 8n) | BigInt(byte);
  let out = '';
  for (let i = CHARS - 1; i >= 0; i--) out += ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  return `${out.slice(0, CHARS / 2)}-${out.slice(CHARS / 2)}`;
}

/** The code of a member link token (what the screen shows). */
export function joinCodeOfToken(memberToken: string): string {
  return joinCodeOfHash(digest(new TextEncoder().encode(memberToken)));
}

/**
 * The hash prefix a typed code stands for, or null if it is not a code: case, spaces and
 * dashes do not matter, and I, L and O read as 1, 1 and 0.
 */
export function joinCodePrefix(typed: string): Uint8Array | null {
  const clean = typed.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (clean.length !== CHARS) return null;
  let bits = 0n;
  for (const ch of clean) {
    const value = ALPHABET.indexOf(ch);
    if (value < 0) return null;
    bits = (bits << 5n) | BigInt(value);
  }
  const out = new Uint8Array(JOIN_CODE_BYTES);
  for (let i = JOIN_CODE_BYTES - 1; i >= 0; i--) {
    out[i] = Number(bits & 255n);
    bits >>= 8n;
  }
  return out;
}

/** The path of the short join address. */
export const joinCodePath = (code: string) => `/j/${code}`;
