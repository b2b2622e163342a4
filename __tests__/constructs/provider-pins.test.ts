import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pinRequiredProviders, PROVIDER_PINS } from "../../src/constructs/provider-pins";
import { STACK_NAMES } from "../../src/topologies/registry";
import { synthStack } from "../support/synth";

/** The rows of the table under "Which releases, and why" in docs/provider-lock.md, as `name -> release`. */
function documentedReleases(): Record<string, string> {
  const text = readFileSync(join(__dirname, "../../docs/provider-lock.md"), "utf8");
  const section = text.slice(text.indexOf("## Which releases, and why"), text.indexOf("\n## ", text.indexOf("## Which releases, and why") + 3));
  return Object.fromEntries([...section.matchAll(/^\| `hashicorp\/([a-z0-9-]+)` \| `([^`]+)` \|/gm)].map(([, name, release]) => [name!, release!]));
}

describe("provider releases", () => {
  it("are the ones docs/provider-lock.md documents, each an exact release", () => {
    expect(documentedReleases()).toEqual(PROVIDER_PINS);
    expect(Object.values(PROVIDER_PINS).every((release) => /^\d+\.\d+\.\d+$/.test(release))).toBe(true);
  });

  it("require an aws provider past 6.25.0, whose transit gateway crashes on apply", () => {
    const [major, minor] = PROVIDER_PINS.aws.split(".").map(Number);
    expect(major === 6 && minor! >= 26).toBe(true);
  });

  it.each(STACK_NAMES)("%s requires exactly the documented releases, whatever the bindings were generated from", (name) => {
    const required = synthStack(name).json.terraform.required_providers as Record<string, { version: string }>;
    const documented = documentedReleases();
    expect(Object.keys(required).length).toBeGreaterThan(0);
    for (const [provider, { version }] of Object.entries(required)) expect(version, `${name}: ${provider}`).toBe(documented[provider]);
  });

  it("refuse a stack that would require a provider nobody pinned", () => {
    const required = { aws: { source: "aws", version: "6.25.0" }, random: { source: "hashicorp/random", version: "3.6.0" } };
    expect(() => pinRequiredProviders(required, "peering")).toThrow('stack peering requires the provider "random", which src/constructs/provider-pins.ts does not pin');
  });
});
