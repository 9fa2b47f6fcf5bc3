import { portalEnv } from '@/lib/env';

// Reads the configuration at request time, not at build time.
export const dynamic = 'force-dynamic';

export default function HomePage() {
  const { spintly } = portalEnv();
  const target = spintly.usesSandbox ? 'the local Spintly sandbox' : new URL(spintly.apiUrl).host;
  return (
    <main className="mx-auto max-w-3xl px-6 py-16">
      <h1 className="text-3xl font-semibold tracking-tight">Access portal</h1>
      <p className="mt-4 text-lg text-slate-700">
        Manage who can open which door: sites, doors, people, permissions and access cards on Spintly access control.
      </p>
      <dl className="mt-8 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-6">
        <dt className="font-medium text-slate-600">Connected to</dt>
        <dd data-testid="spintly-target">{target}</dd>
        <dt className="font-medium text-slate-600">Organisation</dt>
        <dd>{spintly.orgId}</dd>
      </dl>
    </main>
  );
}
