import type { ComponentProps, ElementType } from 'react';
import { cn } from './cn';

/** The portal's bordered white box (a section of a page, a card of details), as a section by default. */
export function Panel<T extends ElementType = 'section'>({
  as,
  className,
  ...props
}: { as?: T } & Omit<ComponentProps<T>, 'as'>) {
  const Component = as ?? 'section';
  return <Component className={cn('rounded-lg border border-slate-200 bg-white', className)} {...props} />;
}
