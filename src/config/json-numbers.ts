/** A number literal of a JSON text that no double can hold (`1e400`), where it is and as written. */
export interface OverflowingNumber {
  /** Dotted path of the key, as configuration errors name it (`tags.z`, `privatelink.consumers[0]...`). */
  readonly path: string;
  readonly literal: string;
}

type Frame = { kind: "object"; key: string | undefined } | { kind: "array"; index: number };

function pathOf(frames: readonly Frame[]): string {
  return frames
    .map((frame, depth) => (frame.kind === "array" ? `[${frame.index}]` : `${depth === 0 ? "" : "."}${frame.key ?? ""}`))
    .join("");
}

/**
 * Every number literal JSON.parse would turn into Infinity, which every message would
 * then show as `null`. Read from the text, since the parsed value has lost both the
 * literal and the order of keys (integer-like keys come first there).
 */
export function overflowingNumbers(text: string): OverflowingNumber[] {
  const found: OverflowingNumber[] = [];
  const frames: Frame[] = [];
  const number = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const string = /"(?:[^"\\]|\\.)*"/y;
  let expectingKey = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    const frame = frames.at(-1);
    if (char === '"') {
      string.lastIndex = index;
      const literal = string.exec(text)?.[0] ?? '"';
      if (frame?.kind === "object" && expectingKey) {
        frame.key = JSON.parse(literal) as string;
        expectingKey = false;
      }
      index += literal.length - 1;
    } else if (char === "{") {
      frames.push({ kind: "object", key: undefined });
      expectingKey = true;
    } else if (char === "[") {
      frames.push({ kind: "array", index: 0 });
    } else if (char === "}" || char === "]") {
      frames.pop();
    } else if (char === ",") {
      if (frame?.kind === "array") frame.index += 1;
      else expectingKey = true;
    } else if (char === "-" || (char >= "0" && char <= "9")) {
      number.lastIndex = index;
      const literal = number.exec(text)?.[0];
      if (literal !== undefined) {
        if (!Number.isFinite(Number(literal))) found.push({ path: pathOf(frames), literal });
        index += literal.length - 1;
      }
    }
  }
  return found;
}
