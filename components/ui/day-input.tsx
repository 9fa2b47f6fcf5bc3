import type { ComponentProps } from 'react';
import { showDay } from '@/lib/format';
import { Input } from './field';

/**
 * A date typed as dd/mm/yyyy, as people in India write it. The browser's own date input follows the browser's
 * locale, not the portal's, so this is a plain text field; the schema reading it (`parseDay`) also takes yyyy-mm-dd.
 */
export function DayInput({
  id,
  name,
  defaultDay,
  ...rest
}: { id: string; name: string; defaultDay?: string | undefined } & Omit<
  ComponentProps<typeof Input>,
  'id' | 'name' | 'type' | 'defaultValue'
>) {
  return (
    <Input
      id={id}
      name={name}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder="dd/mm/yyyy"
      defaultValue={defaultDay ? showDay(defaultDay) : ''}
      {...rest}
    />
  );
}
