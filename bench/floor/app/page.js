/**
 * The benchmark's floor: the least a Next.js page can do that still waits on Spintly once — one list call to the same
 * sandbox at the same latency, a small table rendered on the server. The portal's one-call pages are measured
 * against this in the same run, so what is left over is the portal's own work (session, operator, CSP, render).
 */
export const dynamic = 'force-dynamic';

const SANDBOX = process.env.FLOOR_SANDBOX_URL ?? 'http://127.0.0.1:4210';
const ORG = 4242;

/** One token per process, as the portal keeps one. */
let token;
async function bearer() {
  token ??= fetch(`${SANDBOX}/saamsIdm/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      clientId: 'demo-client',
      clientSecret: 'demo-secret',
      grantType: 'urn:ietf:params:oauth:grant-type:client-credentials',
    }),
  })
    .then((response) => response.json())
    .then((answer) => answer.message.payload.access_token);
  return token;
}

export default async function Page() {
  const response = await fetch(`${SANDBOX}/userManagement/integrator/v1/organisations/${ORG}/users`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await bearer()}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      pagination: { page: 1, perPage: 25 },
      filters: { userType: ['active', 'inactive'], terms: [], sites: [] },
    }),
    cache: 'no-store',
  });
  const { message } = await response.json();
  return (
    <table>
      <tbody>
        {message.users.map((user) => (
          <tr key={user.id}>
            <td>{user.name}</td>
            <td>{user.email ?? user.phone ?? ''}</td>
            <td>{user.credentialId ?? 'no card'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
