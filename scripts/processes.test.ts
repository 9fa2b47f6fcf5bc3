import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PORTAL_NODE_OPTIONS } from './processes';

describe('the production start command', () => {
  it('npm start caps the heap exactly as the demo and the benchmark do, and lets NODE_OPTIONS come after', () => {
    const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.start).toBe(`NODE_OPTIONS="${PORTAL_NODE_OPTIONS} \${NODE_OPTIONS:-}" next start`);
  });
});
