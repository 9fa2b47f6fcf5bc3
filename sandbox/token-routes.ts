/**
 * Both token styles Spintly is seen to use: SAAMS (camelCase JSON body, enveloped answer) and plain OAuth 2.0
 * (snake_case JSON or form body, bare answer). Wrong credentials get 401 in the style's own error shape.
 */
import { oauthTokenRequestSchema, saamsTokenRequestSchema } from '../lib/spintly/contract';
import { describeIssues, parseJson } from './http';
import { OTHER_CLIENT, type SandboxOptions } from './options';
import type { TokenIssuer } from './tokens';
import { ApiError } from './world';

export function handleToken(
  style: 'tokenSaams' | 'tokenOAuth',
  text: string,
  contentType: string | undefined,
  options: SandboxOptions,
  tokens: TokenIssuer,
): { status: number; answer: unknown } {
  const orgFor = (clientId: string, clientSecret: string): number | null => {
    if (clientId === options.clientId && clientSecret === options.clientSecret) return options.orgId;
    if (clientId === OTHER_CLIENT.clientId && clientSecret === OTHER_CLIENT.clientSecret) return options.orgId + 1;
    return null;
  };
  const payload = (orgId: number, clientId: string) => ({
    access_token: tokens.issue(orgId, clientId, options.tokenTtlS),
    refresh_token: tokens.issue(orgId, clientId, options.tokenTtlS * 2, 'refresh'),
    token_type: 'Bearer',
    expires_in: options.tokenTtlS,
    issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
  });

  if (style === 'tokenSaams') {
    const parsed = saamsTokenRequestSchema.safeParse(parseJson(text));
    if (!parsed.success) throw new ApiError(400, describeIssues(parsed.error));
    const orgId = orgFor(parsed.data.clientId, parsed.data.clientSecret);
    if (orgId === null) throw new ApiError(401, 'Invalid client credentials');
    return {
      status: 200,
      answer: { type: 'success', message: { payload: payload(orgId, parsed.data.clientId), statusCode: 200 } },
    };
  }

  const raw = contentType?.includes('application/x-www-form-urlencoded')
    ? Object.fromEntries(new URLSearchParams(text))
    : parseJson(text);
  const parsed = oauthTokenRequestSchema.safeParse(raw);
  if (!parsed.success)
    return { status: 400, answer: { error: 'invalid_request', error_description: describeIssues(parsed.error) } };
  const orgId = orgFor(parsed.data.client_id, parsed.data.client_secret);
  if (orgId === null)
    return { status: 401, answer: { error: 'invalid_client', error_description: 'Invalid client credentials' } };
  return { status: 200, answer: payload(orgId, parsed.data.client_id) };
}
