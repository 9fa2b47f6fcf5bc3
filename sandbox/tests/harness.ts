/** Starts a sandbox on a free port for a test file and talks to it over real HTTP, as any client would. */
import { afterAll, beforeAll } from 'vitest';
import { SAAMS_GRANT_TYPE } from '../../lib/spintly/contract';
import type { SandboxOptions } from '../options';
import { startSandbox, type Sandbox } from '../server';

export interface Answer {
  status: number;
  headers: Headers;
  /** Tests index into answers freely and assert on what they find. */
  json: any;
}

export interface Harness {
  sandbox: Sandbox;
  url: string;
  token: string;
  /** A Spintly API call with the harness's token (or `auth` instead). */
  call(method: string, path: string, body?: unknown, auth?: string | null): Promise<Answer>;
  /** A control API call. */
  control(method: string, path: string, body?: unknown): Promise<Answer>;
  newToken(clientId?: string, clientSecret?: string): Promise<string>;
}

export const ORG = '/organisations/4242';
export const PATHS = {
  sites: `/organisationManagement/v2/integrator${ORG}/sites`,
  doors: (siteId: number) => `/organisationManagement/v1/integrator${ORG}/sites/${siteId}/accessPoints/list`,
  roles: `/userManagement/integrator/v1${ORG}/formData?roles=roles`,
  users: `/userManagement/integrator/v1${ORG}/users`,
  createUser: `/userManagement/integrator/v1${ORG}/users/create`,
  updateUsers: `/userManagement/integrator/v1${ORG}/users/update`,
  deleteUsers: `/userManagement/integrator/v1${ORG}/users/delete`,
  userPermissions: (userId: number) => `/accessManagementV3/integrator/v1${ORG}/users/${userId}/permissions`,
  doorUsers: (doorId: number) => `/accessManagementV3/integrator/v1${ORG}/accessPoint/${doorId}/users/permissions`,
  assignCard: (userId: number) => `/organisationManagement/v2/integrator${ORG}/users/${userId}/assignCard`,
  unassignCard: (userId: number) => `/organisationManagement/v2/integrator${ORG}/users/${userId}/unassignCard`,
  history: `/organisationManagement/v2/integrator${ORG}/accessHistory`,
  assignCredential: (userId: number) => `/organisationManagement/v1${ORG}/users/${userId}/assignCredential`,
  unassignCredential: (userId: number) => `/organisationManagement/v1${ORG}/users/${userId}/unassignCredential`,
  allDoors: `/accessManagementV3/integrator/v1${ORG}/getAccessPointList`,
  organisation: '/saamsIdm/oauth/organisation',
  meeting: `/visitorManagementV3/integrator/v1${ORG}/meeting`,
  meetingUpdate: (id: number) => `/visitorManagementV3/integrator/v1${ORG}/meeting/${id}/update`,
  meetingDelete: (id: number) => `/visitorManagementV3/integrator/v1${ORG}/meeting/${id}`,
  meetings: `/visitorManagementV3/integrator/v1${ORG}/meetings`,
} as const;

async function request(url: string, method: string, body: unknown, headers: Record<string, string>): Promise<Answer> {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : null };
}

export async function openHarness(options: Partial<SandboxOptions> = {}): Promise<Harness> {
  const sandbox = await startSandbox({ port: 0, log: () => {}, ...options });
  const harness: Harness = {
    sandbox,
    url: sandbox.url,
    token: '',
    call: (method, path, body, auth) =>
      request(
        `${sandbox.url}${path}`,
        method,
        body,
        auth === null ? {} : { authorization: auth ?? `Bearer ${harness.token}` },
      ),
    control: (method, path, body) => request(`${sandbox.url}/__sandbox${path}`, method, body, {}),
    async newToken(clientId = sandbox.options.clientId, clientSecret = sandbox.options.clientSecret) {
      const answer = await request(
        `${sandbox.url}/saamsIdm/oauth/token`,
        'POST',
        { clientId, clientSecret, grantType: SAAMS_GRANT_TYPE },
        {},
      );
      if (answer.status !== 200) throw new Error(`token request failed: ${answer.status}`);
      return answer.json.message.payload.access_token as string;
    },
  };
  harness.token = await harness.newToken();
  return harness;
}

/** One sandbox per test file, closed after it. */
export function sandboxPerFile(options: Partial<SandboxOptions> = {}): () => Harness {
  let harness: Harness | undefined;
  beforeAll(async () => {
    harness = await openHarness(options);
  });
  afterAll(async () => {
    await harness?.sandbox.close();
  });
  return () => {
    if (!harness) throw new Error('harness not started');
    return harness;
  };
}

export const page = (pageNumber = 1, perPage = 25) => ({ pagination: { page: pageNumber, perPage } });
