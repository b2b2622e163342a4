/**
 * The number literals of a JSON text that no double can hold (`1e400`), as written.
 * JSON.parse turns them into Infinity, which every message would then show as `null`.
 */
export function overflowingNumbers(text: string): string[] {
  const found: string[] = [];
  const number = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (char === '"') {
      // Skip the string, escapes included: digits in it are not numbers.
      for (index += 1; index < text.length && text[index] !== '"'; index += text[index] === "\\" ? 2 : 1);
    } else if (char === "-" || (char >= "0" && char <= "9")) {
      number.lastIndex = index;
      const literal = number.exec(text)?.[0];
      if (literal !== undefined) {
        if (!Number.isFinite(Number(literal))) found.push(literal);
        index += literal.length - 1;
      }
    }
  }
  return found;
}

/** Where the non-finite numbers of a parsed JSON value are, in the order JSON.parse met them. */
export function nonFinitePaths(value: unknown, path = ""): string[] {
  if (typeof value === "number") return Number.isFinite(value) ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((element, index) => nonFinitePaths(element, `${path}[${index}]`));
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([name, child]) => nonFinitePaths(child, path === "" ? name : `${path}.${name}`));
  }
  return [];
}
