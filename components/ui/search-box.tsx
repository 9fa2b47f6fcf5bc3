import type { ReactNode } from 'react';
import { buttonVariants } from './button';

/**
 * A labelled search that reloads the page with `?<name>=` (a plain GET form: works before JavaScript, and the URL
 * keeps the search). `hidden` carries the page's other filters along.
 */
export function SearchBox({
  action,
  id,
  name,
  label,
  defaultValue,
  hidden,
  className,
}: {
  action: string;
  id: string;
  name: string;
  label: string;
  defaultValue?: string | undefined;
  hidden?: Record<string, string>;
  className?: string;
}): ReactNode {
  return (
    <form action={action} className={className ?? 'flex gap-2'}>
      {Object.entries(hidden ?? {}).map(([key, value]) => (
        <input key={key} type="hidden" name={key} value={value} />
      ))}
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input
        id={id}
        name={name}
        defaultValue={defaultValue ?? ''}
        placeholder={label}
        className="rounded-md border border-slate-300 px-3 py-1 text-sm"
      />
      <button type="submit" className={buttonVariants('secondary')}>
        Find
      </button>
    </form>
  );
}
