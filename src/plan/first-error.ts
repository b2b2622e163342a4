/** The first error Terraform reported, on one line. */
export function firstError(output: string): string | undefined {
  const lines = output.split("\n");
  const at = lines.findIndex((line) => /^(│ )?Error: /.test(line.trim()) || /^╷?\s*│?\s*Error: /.test(line));
  if (at < 0) return undefined;
  return lines
    .slice(at, at + 8)
    .map((line) => line.replace(/^[│╷╵\s]+/, "").trim())
    .filter(Boolean)
    .join(" ")
    .slice(0, 400);
}
