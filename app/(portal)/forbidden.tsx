import { FallbackMessage } from '@/components/shell/fallback-message';

/** Inside the shell: the layout's <main> holds it (a second <main> would be a nested landmark). */
export default function Forbidden() {
  return <FallbackMessage kind="forbidden" />;
}
