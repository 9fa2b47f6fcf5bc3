/**
 * Liveness: the process is up and answering. No dependency is checked — a database or Spintly outage must not make
 * an orchestrator restart every portal process (that is what /api/readyz is for). Public; says nothing.
 */
export function GET() {
  return Response.json({ ok: true }, { headers: { 'cache-control': 'no-store' } });
}
