import { FallbackMessage } from '@/components/shell/fallback-message';

/** Outside the portal's shell (which has its own <main>), the page brings its own landmark. */
export default function Forbidden() {
  return (
    <main className="px-6">
      <FallbackMessage kind="forbidden" />
    </main>
  );
}
