import { isPlainObject } from "../../config/json-object";
import type { TerraformJson } from "../../terraform-json/read";

/**
 * Values of one resource of the deployed configuration (`stateAsConfig`): what the model
 * read, and the identifiers it does not keep (instance and endpoint ids, ARNs, DNS
 * names), each literal in its own resource.
 */
export function deployedBody(json: TerraformJson, address: string): Readonly<Record<string, unknown>> {
  const [type, name] = address.split(".") as [string, string];
  return json.resource?.[type]?.[name] ?? {};
}

/** A literal string value of a resource, or undefined when it is absent or an expression. */
export function deployedString(json: TerraformJson, address: string, key: string): string | undefined {
  const value = deployedBody(json, address)[key];
  return typeof value === "string" && value !== "" && !value.includes("${") ? value : undefined;
}

/** The first DNS name of an interface endpoint, the regional one that article 002 curled. */
export function endpointDnsName(json: TerraformJson, address: string): string | undefined {
  const entries = deployedBody(json, address)["dns_entry"];
  const first = Array.isArray(entries) ? entries.find((entry) => isPlainObject(entry) && typeof entry["dns_name"] === "string") : undefined;
  const name = isPlainObject(first) ? (first["dns_name"] as string) : undefined;
  return name === undefined || name.includes("${") ? undefined : name;
}

/** Region and account of an ARN (`arn:aws:ec2:ap-northeast-1:123456789012:instance/i-...`). */
export function arnParts(arn: string | undefined): { readonly region: string; readonly account: string } | undefined {
  const match = /^arn:[a-z-]+:[a-z0-9-]+:([a-z0-9-]+):(\d{12}):/.exec(arn ?? "");
  return match ? { region: match[1]!, account: match[2]! } : undefined;
}
