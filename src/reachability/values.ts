/**
 * Reading argument values out of synthesized Terraform JSON. A literal is known now;
 * `${type.name.attribute}` points at another resource of the same stack; anything else
 * with `${...}` (functions, data sources, variables) is known only at plan or apply
 * time and is reported as unknown, never guessed.
 */

/** A value Terraform computes later; `expression` is what the configuration says. */
export class Unknown {
  constructor(readonly expression: string) {}

  toString(): string {
    return `${this.expression} (known only at plan or apply time)`;
  }
}

export interface Reference {
  /** `type.name` of the referenced resource. */
  readonly address: string;
  /** What follows the address, e.g. `id`, `cidr_block`, `dns_entry[0].dns_name`. */
  readonly attribute: string;
}

const REFERENCE = /^\$\{([A-Za-z][A-Za-z0-9_]*)\.([A-Za-z0-9_-]+)\.([^${}]+)\}$/;

/** The resource reference a value is, if it is exactly one (data sources are not). */
export function referenceIn(value: unknown): Reference | undefined {
  if (typeof value !== "string") {
    return undefined;
  }
  const match = REFERENCE.exec(value);
  if (!match || match[1] === "data" || match[1] === "var" || match[1] === "local") {
    return undefined;
  }
  return { address: `${match[1]}.${match[2]}`, attribute: match[3]! };
}

export function isExpression(value: unknown): value is string {
  return typeof value === "string" && value.includes("${");
}

/** A list argument or a nested block written once or as a list: always a list. */
export function listOf(value: unknown): unknown[] {
  if (Array.isArray(value)) {
    return value;
  }
  return value === undefined || value === null ? [] : [value];
}

/** Nested blocks (`ingress`, `default_action`, `vpc`, ...) as a list of objects. */
export function blocksOf(value: unknown): Record<string, unknown>[] {
  return listOf(value).filter((item): item is Record<string, unknown> => typeof item === "object" && item !== null);
}

/** A boolean argument: its literal, the default when unset, or unknown. */
export function booleanOf(value: unknown, defaultValue: boolean): boolean | Unknown {
  if (value === undefined || value === null) {
    return defaultValue;
  }
  if (typeof value === "boolean") {
    return value;
  }
  if (value === "true" || value === "false") {
    return value === "true";
  }
  return new Unknown(String(value));
}

/** A numeric argument (Terraform accepts `"80"` for 80). */
export function numberOf(value: unknown): number | Unknown | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value === "number") {
    return value;
  }
  if (typeof value === "string" && /^-?\d+$/.test(value)) {
    return Number(value);
  }
  return new Unknown(String(value));
}

/** A string argument that must be a literal to be useful (a CIDR, a name, a protocol). */
export function literalOf(value: unknown): string | Unknown | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (isExpression(value)) {
    return new Unknown(value);
  }
  return String(value);
}
