/** What a form's fields say right now, as its entries (`new FormData(form)`) and the names of the controls it has. */
export interface FormEntries {
  get(name: string): FormDataEntryValue | null;
  getAll(name: string): FormDataEntryValue[];
  has(name: string): boolean;
}

/**
 * The values a form shows, in the shape of its defaults: a string field gives its text, a checkbox group (an array
 * default) the values ticked, a lone checkbox (a boolean default) whether it is ticked; nested objects are dotted
 * names (`access.card`). A field the form does not show (a hidden id, doors not listed yet) keeps its default.
 *
 * Used when the form engine attaches to fields someone may already have typed into, so nothing typed is lost.
 */
export function formValues<T extends object>(entries: FormEntries, shown: ReadonlySet<string>, defaults: T): T {
  return read(entries, shown, defaults as Record<string, unknown>, '') as T;
}

function read(
  entries: FormEntries,
  shown: ReadonlySet<string>,
  defaults: Record<string, unknown>,
  prefix: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...defaults };
  for (const [key, fallback] of Object.entries(defaults)) {
    const name = prefix + key;
    if (fallback !== null && typeof fallback === 'object' && !Array.isArray(fallback)) {
      out[key] = read(entries, shown, fallback as Record<string, unknown>, `${name}.`);
      continue;
    }
    if (!shown.has(name)) continue;
    if (Array.isArray(fallback)) out[key] = entries.getAll(name).map(String);
    else if (typeof fallback === 'boolean') out[key] = entries.has(name);
    else out[key] = String(entries.get(name) ?? '');
  }
  return out;
}
