import type { TerraformJson } from "../../terraform-json/read";

/** The region of a synthesized stack's default AWS provider (the one without an alias), where its instances are unless their ARNs say otherwise. */
export function stackRegionOf(json: TerraformJson): string | undefined {
  const providers = (json as { readonly provider?: { readonly aws?: readonly { readonly alias?: string; readonly region?: string }[] } }).provider?.aws ?? [];
  const region = providers.find((provider) => provider.alias === undefined)?.region;
  return typeof region === "string" && /^[a-z]{2}(-[a-z]+)+-\d+$/.test(region) ? region : undefined;
}
