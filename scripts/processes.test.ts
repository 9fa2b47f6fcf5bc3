import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PORTAL_NODE_OPTIONS, PORTAL_SERVER_BUNDLE } from './processes';

describe('the production start command', () => {
  it('npm start runs the bundled scripts/server.ts with the heap capped exactly as the demo and the benchmark do, NODE_OPTIONS after', () => {
    const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.start).toBe(`NODE_OPTIONS="${PORTAL_NODE_OPTIONS} \${NODE_OPTIONS:-}" node ${PORTAL_SERVER_BUNDLE}`);
  });
});
