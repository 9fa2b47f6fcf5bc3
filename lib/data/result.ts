import 'server-only';
import { SpintlyError } from '../spintly/errors';

/** A page's data or a message to show in its place: a Spintly outage becomes an error state, not a crash. */
export type Loaded<T> = { ok: true; data: T } | { ok: false; message: string };

export async function load<T>(work: () => Promise<T>): Promise<Loaded<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    if (error instanceof SpintlyError) return { ok: false, message: error.message };
    throw error;
  }
}
