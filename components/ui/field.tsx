import type { ComponentProps, ReactNode } from 'react';
import { cn } from './cn';

interface FieldProps {
  id: string;
  label: string;
  error?: string | undefined;
  description?: ReactNode;
}

/** A labelled control with its description and error tied to it for screen readers. */
export function Field({ id, label, error, description, children }: FieldProps & { children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {description && (
        <p id={`${id}-description`} className="text-xs text-slate-600">
          {description}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

/** What a FormField hands its control: the id its label points at, and aria attributes for description and error. */
export interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/**
 * A Field whose control is given its id and aria attributes, so the id is written once:
 * `<FormField id="person-phone" label="Phone" error={…}>{(control) => <Input {...control} {...register('phone')} />}</FormField>`.
 */
export function FormField({
  id,
  label,
  error,
  description,
  children,
}: FieldProps & { children: (control: ControlProps) => ReactNode }) {
  return (
    <Field id={id} label={label} error={error} description={description}>
      {children({ id, ...describedBy(id, error, Boolean(description)) })}
    </Field>
  );
}

/** aria attributes that point a control at its Field's description and error. */
export function describedBy(id: string, error?: string, description?: boolean) {
  const ids = [description && `${id}-description`, error && `${id}-error`].filter(Boolean).join(' ');
  return { 'aria-invalid': error ? true : undefined, 'aria-describedby': ids || undefined } as const;
}

const CONTROL =
  'rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-indigo-600 focus:outline-2 focus:outline-indigo-200 aria-[invalid=true]:border-red-600';

export function Input({ className, ...props }: ComponentProps<'input'>) {
  return <input className={cn(CONTROL, className)} {...props} />;
}

export function Select({ className, ...props }: ComponentProps<'select'>) {
  return <select className={cn(CONTROL, className)} {...props} />;
}
