import { readFileSync } from 'node:fs';

/**
 * The id Next.js gave a server action in the production build (read from its manifest), for calling the action
 * with a plain POST as the browser's runtime does: the end-to-end tests send crafted calls that bypass the UI —
 * exactly what an attacker can do, since every exported action is a public endpoint — and the benchmark times them.
 */
export function serverActionId(file: string, exportName: string): string {
  const manifest = JSON.parse(readFileSync('.next/server/server-reference-manifest.json', 'utf8')) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  for (const [id, entry] of Object.entries(manifest.node))
    if (entry.exportedName === exportName && entry.filename?.endsWith(file)) return id;
  throw new Error(`no server action ${exportName} in ${file}`);
}
