import { createHash, randomBytes } from 'node:crypto';

/** 256 bits of randomness, URL-safe: a capability that grants one role on one session. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function newSessionId(): string {
  return randomBytes(12).toString('base64url');
}

/** Only this hash is stored; a leaked database gives no working link. */
export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const SESSION_ID_SHAPE = /^[A-Za-z0-9_-]{8,64}$/;

export function looksLikeToken(value: unknown): value is string {
  return typeof value === 'string' && TOKEN_SHAPE.test(value);
}

export function looksLikeSessionId(value: unknown): value is string {
  return typeof value === 'string' && SESSION_ID_SHAPE.test(value);
}

/** A participant id the server makes: 96 random bits, the shape every id in the document has. */
export function newParticipantId(): string {
  return randomBytes(12).toString('base64url');
}
