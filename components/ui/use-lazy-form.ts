'use client';

import { useCallback, useRef, useState, useTransition, type FormEvent } from 'react';
import type { DefaultValues, FieldErrors, FieldPath, FieldValues, Resolver, UseFormReturn } from 'react-hook-form';
import type { ActionResult } from '@/lib/actions/safe-action';
import { formValues } from './form-values';
import { withStepUp } from '@/components/auth/step-up';

type Engine<Fields extends FieldValues, Output> = Omit<UseFormReturn<Fields, unknown, Output>, 'formState'>;

/** Shown when the form's engine could not be fetched (the network dropped): nothing was sent. */
export const ENGINE_FAILED =
  'This form could not finish loading, so nothing was sent. Check the connection, then try again.';

/**
 * A react-hook-form form whose engine arrives when someone first uses the form, not with the page.
 *
 * react-hook-form is 12 kB gzipped; on the Next.js and React runtime (~138 kB) it alone would put every page with a
 * form over the 150 kB first-load budget. So the fields render on their own — with their starting values in the
 * server's HTML, which the engine would otherwise only fill in after hydration — and the first focus inside the
 * form (or a submit) fetches react-hook-form and attaches its `createFormControl` to them, starting from what the
 * fields hold by then, so nothing typed is lost. From there it is react-hook-form: the same registration, resolver
 * (`schemaResolver`, which brings zod with the first check), re-validation on change after a submit, focus on the
 * first error, `setError` for what the server refused.
 *
 * Spread `formProps` on the <Form>, `field(name)` on inputs and selects, `checkbox(name, value?)` on checkboxes (a
 * value for a group whose default is an array, none for a yes/no field whose default is a boolean).
 */
export function useLazyForm<Fields extends FieldValues, Output = Fields>(options: {
  defaultValues: Fields;
  resolver: Resolver<Fields, unknown, Output>;
}) {
  // The first render's options, as with useForm: a parent re-rendering does not reset the form.
  const initial = useRef(options).current;
  const formRef = useRef<HTMLFormElement | null>(null);
  const [engine, setEngine] = useState<Engine<Fields, Output> | null>(null);
  const [errors, setErrors] = useState<FieldErrors<Fields>>({});
  const [submitted, setSubmitted] = useState(false);
  // What stopped the last submit: the action's refusal, or the engine failing to load.
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [watched, setWatched] = useState<Record<string, string>>({});
  const watching = useRef(new Set<string>()).current;
  // Values set in code before the engine arrived (e.g. a picked host): applied when it does.
  const early = useRef(new Map<FieldPath<Fields>, unknown>()).current;
  const loading = useRef<Promise<Engine<Fields, Output>> | null>(null);

  const load = useCallback(
    () =>
      (loading.current ??= import('react-hook-form')
        .then(({ createFormControl }) => {
          const form = formRef.current;
          const created = createFormControl<Fields, unknown, Output>({
            defaultValues: (form
              ? formValues(new FormData(form), shownNames(form), initial.defaultValues)
              : initial.defaultValues) as DefaultValues<Fields>,
            resolver: initial.resolver,
          });
          for (const [name, value] of early) created.setValue(name, value as never);
          created.subscribe({
            formState: { errors: true, isSubmitted: true },
            // A copy: react-hook-form may hand over the same errors object, changed in place.
            callback: (state) => {
              setErrors({ ...state.errors } as FieldErrors<Fields>);
              setSubmitted(Boolean(state.isSubmitted));
            },
          });
          setEngine(created);
          return created;
        })
        .catch((error: unknown) => {
          loading.current = null;
          throw error;
        })),
    [initial, early],
  );

  const focus = useCallback((name: FieldPath<Fields>) => {
    const element = formRef.current?.elements.namedItem(name);
    if (element instanceof HTMLElement) element.focus();
  }, []);

  const defaultOf = (name: string): unknown =>
    name
      .split('.')
      .reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], initial.defaultValues);

  /** The form's onSubmit: loads the engine if need be, checks, and hands the schema's output to `onValid`. */
  const handleSubmit = (onValid: (values: Output) => unknown) => async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const hadEngine = engine !== null;
    let ready: Engine<Fields, Output>;
    try {
      ready = await load();
    } catch {
      setMessage(ENGINE_FAILED);
      return;
    }
    // Just attached: let React give the fields their registration first, so an error can take the focus.
    if (!hadEngine) await new Promise((resolve) => setTimeout(resolve, 0));
    await ready.handleSubmit(onValid)();
  };

  const setError = (name: FieldPath<Fields> | 'root', text: string | undefined) => {
    if (engine) engine.setError(name, { type: 'server', message: text });
    else setErrors((now) => ({ ...now, [name]: { type: 'server', message: text } }));
  };

  /**
   * The form's onSubmit for a server action: checks the fields, sends the schema's output, and when the action
   * refuses, shows its message and puts each field error beside its field — `fieldName` renames a field the action
   * names differently, or drops one the form does not show (null). Nothing typed is cleared.
   */
  const submitTo = <T>(
    send: (values: Output) => Promise<ActionResult<T> | undefined | void>,
    handlers: {
      onSuccess?: (result: Extract<ActionResult<T>, { ok: true }>) => void;
      onRefused?: (result: Extract<ActionResult<T>, { ok: false }>) => void;
      fieldName?: (field: string, values: Output) => FieldPath<Fields> | 'root' | null;
    } = {},
  ) =>
    handleSubmit((values) =>
      startTransition(async () => {
        setMessage(null);
        // A change that needs a fresh second-factor code asks for one, then goes again (components/auth/step-up.ts).
        const result = await withStepUp(() => send(values));
        if (!result) return;
        if (result.ok) {
          handlers.onSuccess?.(result);
          return;
        }
        setMessage(result.message);
        for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) {
          const name = handlers.fieldName ? handlers.fieldName(field, values) : (field as FieldPath<Fields>);
          if (name) setError(name, messages[0]);
        }
        handlers.onRefused?.(result);
      }),
    );

  return {
    /** For the <Form>: the engine loads on the first focus inside it; watched fields follow their changes. */
    formProps: {
      ref: formRef,
      onFocus: () => void load().catch(() => {}),
      onChange: (event: FormEvent<HTMLFormElement>) => {
        const target = event.target as HTMLInputElement;
        if (watching.has(target.name)) setWatched((now) => ({ ...now, [target.name]: target.value }));
      },
    },
    /** An input's or select's name, starting value and (once loaded) react-hook-form's registration. */
    field: (name: FieldPath<Fields>) => ({
      name,
      defaultValue: String(defaultOf(name) ?? ''),
      ...engine?.register(name),
    }),
    /** A checkbox: one of a group (`value` given; the default is an array) or a yes/no field (the default a boolean). */
    checkbox: (name: FieldPath<Fields>, value?: string) => {
      const starting = defaultOf(name);
      return {
        type: 'checkbox' as const,
        name,
        ...(value !== undefined && { value }),
        defaultChecked: Array.isArray(starting) ? starting.includes(value) : Boolean(starting),
        ...engine?.register(name),
      };
    },
    errors,
    /** Whether a submit has been tried: from then on fields are checked as they change. */
    submitted,
    /** What stopped the last submit, in words for the form's notice: the action's refusal, or the engine not loading. */
    message,
    /** True while `submitTo`'s action runs. */
    pending,
    /** The current value of a select or input, re-rendering as it changes (like useWatch). */
    watch(name: FieldPath<Fields>): string {
      watching.add(name);
      return watched[name] ?? String(defaultOf(name) ?? '');
    },
    setValue(name: FieldPath<Fields>, value: string, opts?: { shouldValidate?: boolean }) {
      if (watching.has(name)) setWatched((now) => ({ ...now, [name]: value }));
      if (engine) engine.setValue(name, value as never, opts);
      else {
        early.set(name, value);
        void load().catch(() => {});
      }
    },
    setError,
    /** Puts the cursor in a field (it works before the engine has loaded; the same function every render). */
    focus,
    handleSubmit,
    submitTo,
  };
}

/** The names of the fields a form shows. */
function shownNames(form: HTMLFormElement): Set<string> {
  const names = new Set<string>();
  for (const element of Array.from(form.elements)) {
    const name = element.getAttribute('name');
    if (name) names.add(name);
  }
  return names;
}
