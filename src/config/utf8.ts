/**
 * The text of UTF-8 bytes, or the offset of the first byte that is not UTF-8: a file
 * in another encoding is refused, not read with its letters replaced. A leading
 * byte-order mark, which editors on Windows may write, is read and dropped.
 */
export function decodeUtf8(bytes: Uint8Array): string | { readonly offset: number } {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { offset: firstNonUtf8Byte(bytes) };
  }
}

/**
 * The decoder marks each bad sequence with U+FFFD, the very character a text may hold
 * written out: the bytes under it tell the two apart.
 */
function firstNonUtf8Byte(bytes: Uint8Array): number {
  let offset = 0;
  for (const char of new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes)) {
    if (char === "\uFFFD" && !(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) return offset;
    offset += Buffer.byteLength(char);
  }
  return offset;
}
