import type { FieldValues, Resolver } from 'react-hook-form';
import type { z } from 'zod';

/**
 * A react-hook-form resolver for a form whose fields are what inputs give (strings, string arrays) and whose zod
 * schema — the same one the server action parses with — turns them into the action's input. zod's input type of a
 * schema with preprocessing is wider than the fields, so the fields are checked to fit into it here, once, and the
 * form gets the schema's output as its submitted values: `useForm<Fields, unknown, Output>({ resolver })`.
 *
 * The schema (and zod, ~44 kB gzipped: a third of a page's first-load budget) is loaded when the form is first
 * checked, not with the page: `schemaResolver<Fields, typeof schema>(() => import('…').then((m) => m.schema))`.
 * Should that load fail (the network dropped), the values go to the action, whose own parse of the same schema is
 * the authority anyway.
 */
export function schemaResolver<Fields extends FieldValues, S extends z.ZodType<unknown, unknown>>(
  load: () => Promise<S>,
  // A compile error (an argument of type never is required) when the form's fields do not fit the schema's input.
  ..._fieldsFit: Fields extends z.input<S> ? [] : [never]
): Resolver<Fields, unknown, z.output<S>> {
  type Loaded = Resolver<Fields, unknown, z.output<S>>;
  let ready: Promise<Loaded> | undefined;
  return async (values, context, options) => {
    ready ??= Promise.all([import('@hookform/resolvers/zod'), load()]).then(
      ([{ zodResolver }, schema]) => zodResolver(schema as never) as unknown as Loaded,
    );
    try {
      return await (
        await ready
      )(values, context, options);
    } catch {
      ready = undefined;
      return { values: values as unknown as z.output<S>, errors: {} };
    }
  };
}
