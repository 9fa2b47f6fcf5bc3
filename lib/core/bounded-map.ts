/**
 * Sets `key` in a map kept to at most `max` entries: a new key arriving when the map is full drops the oldest entry
 * first (a Map iterates in insertion order). A cache that wants least-recently-used order re-inserts an entry on use.
 */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  if (!map.has(key) && map.size >= max) map.delete(map.keys().next().value as K);
  map.set(key, value);
}
