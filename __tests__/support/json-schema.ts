import { isPlainObject } from "../../src/config/json-object";
import type { JsonSchema } from "../../src/docs/config-schema";

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return "array";
  if (value === null) return "null";
  return Number.isInteger(value) ? "integer" : typeof value;
}

/** The draft-07 keywords the schema uses, applied as a validator would; no validator is installed. */
export function validate(schema: JsonSchema, value: unknown, path = "$"): string[] {
  const actual = jsonType(value);
  if (schema.type && actual !== schema.type && !(schema.type === "number" && actual === "integer")) {
    return [`${path} is ${actual}, not ${schema.type}`];
  }
  if (schema.enum && !schema.enum.includes(value as string)) return [`${path} is not one of ${schema.enum.join(", ")}`];
  if (typeof value === "string" && value.length > (schema.maxLength ?? Infinity)) return [`${path} is longer than ${schema.maxLength}`];
  if (Array.isArray(value) && value.length > (schema.maxItems ?? Infinity)) return [`${path} has more than ${schema.maxItems} items`];
  if (Array.isArray(value)) return value.flatMap((item, index) => validate(schema.items ?? {}, item, `${path}[${index}]`));
  if (!isPlainObject(value)) return [];
  const missing = (schema.required ?? []).filter((name) => !(name in value)).map((name) => `${path}.${name} is required`);
  return missing.concat(
    Object.entries(value).flatMap(([name, child]) => {
      const property = schema.properties?.[name] ?? schema.additionalProperties;
      if (property === false) return [`${path}.${name} is not allowed`];
      return property === true || property === undefined ? [] : validate(property, child, `${path}.${name}`);
    }),
  );
}

