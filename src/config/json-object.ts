/** A JSON object, as opposed to an array, null or a value. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * `addition` laid over `base`: objects merge key by key; a list or a value replaces
 * what was there, as the configuration loader treats lists.
 */
export function deepMerge(base: Readonly<Record<string, unknown>>, addition: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(addition)) {
    const current = Object.hasOwn(merged, key) ? merged[key] : undefined;
    // Defined, not assigned: a key named __proto__ stays a key, for the loader to refuse.
    Object.defineProperty(merged, key, { value: isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value, enumerable: true, writable: true, configurable: true });
  }
  return merged;
}
