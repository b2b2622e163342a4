import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { synthesize } from "../../src/app";
import { lockForStack, parseProviderLock, requiredProvidersOf } from "../../src/terraform-json/provider-lock";
import { lockText } from "../support/provider-lock";
import { tempDir } from "../support/synth";

describe("the committed provider lock, split per stack", () => {
  it("reads each provider block with its address and release, kept as written", () => {
    const blocks = parseProviderLock(lockText([["aws", "6.25.0"], ["http", "3.5.0"]]));
    expect(blocks.map((block) => [block.address, block.version])).toEqual([
      ["registry.terraform.io/hashicorp/aws", "6.25.0"],
      ["registry.terraform.io/hashicorp/http", "3.5.0"],
    ]);
    expect(blocks[1]!.text).toBe(['provider "registry.terraform.io/hashicorp/http" {', '  version     = "3.5.0"', '  constraints = "3.5.0"', "  hashes = [", '    "h1:http-placeholder=",', `    "zh:http${"0".repeat(60)}",`, "  ]", "}"].join("\n"));
  });

  it("gives a stack exactly the blocks of the providers it requires, and names what the lock lacks", () => {
    const locked = parseProviderLock(lockText([["aws", "6.25.0"], ["http", "3.5.0"]]));
    const awsOnly = lockForStack(locked, requiredProvidersOf({ terraform: { required_providers: { aws: { source: "aws", version: "6.25.0" } } } }));
    expect(awsOnly.ok && awsOnly.text).toContain('provider "registry.terraform.io/hashicorp/aws" {');
    expect(awsOnly.ok && awsOnly.text).not.toContain("hashicorp/http");
    expect(lockForStack(locked, [{ address: "registry.terraform.io/hashicorp/aws", version: "6.26.0" }])).toEqual({ ok: false, missing: ["registry.terraform.io/hashicorp/aws 6.26.0"] });
    expect(lockForStack([], [{ address: "registry.terraform.io/hashicorp/aws", version: "6.25.0" }])).toEqual({ ok: false, missing: ["registry.terraform.io/hashicorp/aws 6.25.0"] });
  });

  it("synth writes each stack's part of the lock into its folder, so cdktf and plan install the locked builds", () => {
    const dir = tempDir();
    const lock = join(dir, ".terraform.lock.hcl");
    writeFileSync(lock, lockText([["aws", "6.25.0"], ["http", "3.5.0"]]));
    const result = synthesize({ env: {}, outdir: join(dir, "out"), providerLock: lock });
    expect(result.unlocked).toEqual([]);
    expect(result.lockWarning).toBeUndefined();
    const peering = readFileSync(join(dir, "out", "stacks", "peering", ".terraform.lock.hcl"), "utf8");
    expect(parseProviderLock(peering).map((block) => block.address)).toEqual(["registry.terraform.io/hashicorp/aws", "registry.terraform.io/hashicorp/http"]);
    const state = readFileSync(join(dir, "out", "stacks", "state", ".terraform.lock.hcl"), "utf8");
    expect(parseProviderLock(state).map((block) => block.address)).toEqual(["registry.terraform.io/hashicorp/aws"]);
  });

  it("warns once, in the manifest, naming what the lock lacks and the stacks it leaves unlocked; their folders get no lock", () => {
    const dir = tempDir();
    const lock = join(dir, ".terraform.lock.hcl");
    writeFileSync(lock, lockText([["aws", "6.25.0"]]));
    const result = synthesize({ env: {}, outdir: join(dir, "out"), providerLock: lock });
    expect(result.unlocked).toEqual(["peering"]);
    expect(result.lockWarning).toMatch(/^the committed provider lock \(\.terraform\.lock\.hcl\) does not hold registry\.terraform\.io\/hashicorp\/http 3\.5\.0, so terraform init picks the builds for peering itself/);
    expect(result.lockWarning).toContain("npm run providers:lock");
    expect(existsSync(join(dir, "out", "stacks", "peering", ".terraform.lock.hcl"))).toBe(false);
    expect(existsSync(join(dir, "out", "stacks", "privatelink", ".terraform.lock.hcl"))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(dir, "out", "manifest.json"), "utf8"));
    expect(manifest.stacks.peering.annotations).toContainEqual({ constructPath: "peering", level: "@cdktf/warn", message: result.lockWarning });

    // Once the committed lock stops covering a stack, synth takes back the copy it wrote there, which may name
    // releases the stack no longer pins; a lock terraform init wrote is left alone.
    const peeringLock = join(dir, "again", "stacks", "peering", ".terraform.lock.hcl");
    writeFileSync(lock, lockText([["aws", "6.25.0"], ["http", "3.5.0"]]));
    synthesize({ env: {}, outdir: join(dir, "again"), providerLock: lock });
    expect(readFileSync(peeringLock, "utf8")).toContain("# Written by synth from the project's .terraform.lock.hcl");
    writeFileSync(lock, lockText([["aws", "6.25.0"]]));
    synthesize({ env: {}, outdir: join(dir, "again"), providerLock: lock });
    expect(existsSync(peeringLock)).toBe(false);
    writeFileSync(peeringLock, lockText([["aws", "5.100.0"], ["http", "3.5.0"]]));
    synthesize({ env: {}, outdir: join(dir, "again"), providerLock: lock });
    expect(existsSync(peeringLock)).toBe(true);
    expect(existsSync(join(dir, "again", "stacks", "state", ".terraform.lock.hcl"))).toBe(true);

    const none = synthesize({ env: {}, outdir: join(dir, "none"), providerLock: join(dir, "absent.hcl") });
    expect(none.unlocked).toEqual(["state", "peering", "endpoint-sharing", "privatelink", "alb-peering"]);
  });
});
