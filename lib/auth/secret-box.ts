import 'server-only';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encryption at rest for the few secrets the portal must read back (an operator's TOTP key; unlike a password it
 * cannot be hashed, the server computes codes from it). AES-256-GCM under a key derived from AUTH_SECRET with HKDF,
 * so a copy of the database alone does not give anyone's second factor. Rotating AUTH_SECRET therefore means every
 * operator enrols again (README: "Two-factor sign-in").
 */
const VERSION = 'v1';

function keyFrom(authSecret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', authSecret, 'spintly-portal', `secret-box ${purpose}`, 32));
}

export function seal(authSecret: string, purpose: string, plain: Uint8Array): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(authSecret, purpose), iv);
  const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), sealed]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

/** The plain bytes, or null when the box was sealed under another AUTH_SECRET (or tampered with). */
export function open(authSecret: string, purpose: string, box: string): Uint8Array | null {
  const [version, iv, tag, sealed] = box.split('.');
  if (version !== VERSION || !iv || !tag || sealed === undefined) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFrom(authSecret, purpose), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return new Uint8Array(Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]));
  } catch {
    return null;
  }
}
