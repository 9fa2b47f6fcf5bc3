/** Liveness for load balancers and test runners: public, says nothing about configuration. */
export function GET() {
  return Response.json({ ok: true });
}
