/**
 * Access tokens like Spintly's: RS256-signed JWTs whose `sub` is the organisation id. The key pair is made
 * at start, so tokens die with the sandbox process; `revokeAll` makes every earlier token fail with 401.
 */
import { createPublicKey, generateKeyPairSync, randomUUID, sign, verify, type KeyObject } from 'node:crypto';

export interface TokenClaims {
  sub: string;
  iat: number;
  exp: number;
  jti: string;
  client_id: string;
  /** Revocation generation: tokens of an older generation are refused. */
  gen: number;
  /** Only access tokens open the API; refresh tokens are handed out for fidelity but not accepted there. */
  use: 'access' | 'refresh';
}

const b64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

export class TokenIssuer {
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  private generation = 0;
  /** Signatures already checked (an RSA verify is ~0.1 ms, paid on every request otherwise); bounded. */
  private readonly verified = new Map<string, TokenClaims>();
  issued = 0;

  constructor(private readonly now: () => number) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = privateKey;
    this.publicKey = createPublicKey(privateKey);
  }

  /** Signs a token; only access tokens count in `issued`, the number the stats report. */
  issue(orgId: number, clientId: string, ttlSeconds: number, use: TokenClaims['use'] = 'access'): string {
    const iat = Math.floor(this.now() / 1000);
    const claims: TokenClaims = {
      sub: String(orgId),
      iat,
      exp: iat + ttlSeconds,
      jti: randomUUID(),
      client_id: clientId,
      gen: this.generation,
      use,
    };
    const signingInput = `${b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}`;
    const signature = sign('RSA-SHA256', Buffer.from(signingInput), this.privateKey);
    if (use === 'access') this.issued++;
    return `${signingInput}.${b64url(signature)}`;
  }

  /** The token's claims when it is ours, unexpired and not revoked; otherwise null. */
  verify(token: string): TokenClaims | null {
    const claims = this.verified.get(token) ?? this.checkSignature(token);
    if (!claims) return null;
    if (claims.use !== 'access' || claims.exp * 1000 <= this.now() || claims.gen !== this.generation) return null;
    return claims;
  }

  private checkSignature(token: string): TokenClaims | null {
    const [header, payload, signature] = token.split('.');
    if (!header || !payload || !signature) return null;
    const ok = verify(
      'RSA-SHA256',
      Buffer.from(`${header}.${payload}`),
      this.publicKey,
      Buffer.from(signature, 'base64url'),
    );
    if (!ok) return null;
    let claims: TokenClaims;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims;
    } catch {
      return null;
    }
    if (this.verified.size >= 1_000) this.verified.clear();
    this.verified.set(token, claims);
    return claims;
  }

  revokeAll() {
    this.generation++;
  }
}
