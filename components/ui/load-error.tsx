import { Notice } from './notice';
import { RetryButton } from './retry-button';

/**
 * A read that failed ("Couldn’t load people from Spintly"), with what Spintly's answer means and a Retry that keeps
 * the page's search and filters. Writes say what was not changed instead; this is only for reads.
 */
export function LoadError({ what, message }: { what: string; message: string }) {
  return (
    <Notice tone="error" title={`Couldn’t load ${what} from Spintly`} testId="load-error">
      <p>{message}</p>
      <div className="mt-2">
        <RetryButton />
      </div>
    </Notice>
  );
}
