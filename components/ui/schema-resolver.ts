import { zodResolver } from '@hookform/resolvers/zod';
import type { FieldValues, Resolver } from 'react-hook-form';
import type { z } from 'zod';

/**
 * A react-hook-form resolver for a form whose fields are what inputs give (strings, string arrays) and whose zod
 * schema — the same one the server action parses with — turns them into the action's input. zod's input type of a
 * schema with preprocessing is wider than the fields, so the fields are checked to fit into it here, once, and the
 * form gets the schema's output as its submitted values: `useForm<Fields, unknown, Output>({ resolver })`.
 */
export function schemaResolver<Fields extends FieldValues, S extends z.ZodType<unknown, unknown>>(
  schema: S & (Fields extends z.input<S> ? unknown : { error: 'the form’s fields do not fit the schema’s input' }),
): Resolver<Fields, unknown, z.output<S>> {
  return zodResolver(schema as never) as unknown as Resolver<Fields, unknown, z.output<S>>;
}
