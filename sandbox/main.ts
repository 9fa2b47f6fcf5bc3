/**
 * `npm run sandbox`: the local stand-in for Spintly's cloud, on port 4010 unless SANDBOX_PORT says otherwise.
 */
import { sandboxEnv } from '../lib/env';
import { faultsFromEnv } from './faults';
import { startSandbox } from './server';

async function main() {
  const env = sandboxEnv();
  const started = Date.now();
  const sandbox = await startSandbox({
    host: env.host,
    port: env.port,
    orgId: env.orgId,
    clientId: env.clientId,
    clientSecret: env.clientSecret,
    seed: env.seed,
    users: env.users,
    sites: env.sites,
    doorsPerSite: env.doorsPerSite,
    syncMs: env.syncMs,
    tokenTtlS: env.tokenTtlS,
    faults: faultsFromEnv(env.faultsJson, env.latencyMs, env.jitterMs),
    webhookUrl: env.webhookUrl,
    webhookKey: env.webhookKey,
    trafficPerMin: env.trafficPerMin,
    historyEvents: env.historyEvents,
    cardStyles: env.cardStyles,
  });
  const world = sandbox.world;
  console.log(
    `Spintly sandbox on ${sandbox.url} — organisation ${world.orgId}, ${world.sites.length} sites, ` +
      `${world.accessPoints.size} doors, ${world.users.size} people (seed ${env.seed}, built in ${Date.now() - started} ms)`,
  );
  const stop = () => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
