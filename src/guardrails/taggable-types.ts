import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

let providerLib: string | undefined;
const taggable = new Map<string, boolean>();

/** Nested blocks may take tags too (a lifecycle rule's filter); only the resource class counts. */
function resourceClassTakesTags(source: string): boolean {
  const start = source.indexOf("extends cdktf.TerraformResource {");
  if (start < 0) {
    return false;
  }
  const end = source.indexOf("\nexports.", start);
  return source.slice(start, end < 0 ? undefined : end).includes("get tagsInput()");
}

/**
 * Whether the AWS provider's resource type takes `tags`, as the installed provider
 * package says: its resource class for the type (`aws_vpc` -> `lib/vpc`) has a
 * `tagsInput`.
 * Read as text, so no class is loaded that synth did not need. Types of other
 * providers, or unknown to this release, are not taggable as far as we know.
 */
export function isTaggableType(type: string): boolean {
  const known = taggable.get(type);
  if (known !== undefined) {
    return known;
  }
  providerLib ??= dirname(dirname(createRequire(__filename).resolve("@cdktf/provider-aws/lib/provider")));
  const file = join(providerLib, type.replace(/^aws_/, "").replace(/_/g, "-"), "index.js");
  const result = type.startsWith("aws_") && existsSync(file) && resourceClassTakesTags(readFileSync(file, "utf8"));
  taggable.set(type, result);
  return result;
}
