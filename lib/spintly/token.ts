import 'server-only';
import { saamsTokenAnswerSchema, SAAMS_GRANT_TYPE, tokenPayloadSchema, type TokenStyle } from './contract';
import { SpintlyError, kindForStatus } from './errors';
import type { HttpAnswer } from './http';

/**
 * Client-credentials tokens, in either of Spintly's two styles. One token is cached until shortly before it
 * expires; however many callers ask at once, at most one token request is in flight (single flight). A caller
 * that got 401 with a token calls `invalidate(thatToken)`: only the first such call drops the cached token, so a
 * burst of 401s causes one refresh, not one each.
 */
export interface TokenConfig {
  tokenUrl: string;
  tokenStyle: TokenStyle;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
}

interface CachedToken {
  value: string;
  /** Epoch ms after which we stop using it. */
  refreshAt: number;
}

/** Refresh early: a minute before expiry, or a tenth of the lifetime for short-lived tokens. */
export function refreshMarginMs(expiresInS: number): number {
  return Math.min(60_000, expiresInS * 100);
}

export class TokenProvider {
  private cached: CachedToken | null = null;
  private inFlight: Promise<string> | null = null;
  /** Token requests sent, for tests. */
  requests = 0;

  constructor(
    private readonly config: TokenConfig,
    private readonly fetchToken: (init: { url: string; body: string; contentType: string }) => Promise<HttpAnswer>,
    private readonly now: () => number,
    private readonly onToken: (token: string) => void,
  ) {}

  async get(): Promise<string> {
    if (this.cached && this.now() < this.cached.refreshAt) return this.cached.value;
    this.inFlight ??= this.request().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  invalidate(token: string) {
    if (this.cached?.value === token) this.cached = null;
  }

  private async request(): Promise<string> {
    this.requests++;
    const { tokenStyle, clientId, clientSecret, tokenUrl } = this.config;
    const body =
      tokenStyle === 'saams'
        ? JSON.stringify({ clientId, clientSecret, grantType: SAAMS_GRANT_TYPE })
        : JSON.stringify({ client_id: clientId, client_secret: clientSecret, grant_type: 'client_credentials' });
    const response = await this.fetchToken({ url: tokenUrl, body, contentType: 'application/json' });
    const text = await response.text();
    if (!response.ok) {
      const kind = kindForStatus(response.status);
      // A 400 or 401 from the token endpoint is a configuration problem, whatever the wording upstream.
      throw new SpintlyError({
        kind: kind === 'invalid' || kind === 'forbidden' ? 'unauthorized' : kind,
        endpoint: 'token',
        status: response.status,
        upstreamMessage: text.slice(0, 500),
        ...(response.headers.get('retry-after') && { retryAfterS: Number(response.headers.get('retry-after')) }),
      });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new SpintlyError({ kind: 'bad_response', endpoint: 'token', status: response.status });
    }
    const parsed = tokenStyle === 'saams' ? saamsTokenAnswerSchema.safeParse(json) : tokenPayloadSchema.safeParse(json);
    if (!parsed.success) throw new SpintlyError({ kind: 'bad_response', endpoint: 'token', status: response.status });
    const payload = 'message' in parsed.data ? parsed.data.message.payload : parsed.data;
    this.onToken(payload.access_token);
    this.cached = {
      value: payload.access_token,
      refreshAt: this.now() + payload.expires_in * 1000 - refreshMarginMs(payload.expires_in),
    };
    return payload.access_token;
  }
}
