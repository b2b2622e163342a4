import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { synthesize } from "../../src/app";
import { lockForStack, parseProviderLock, requiredProvidersOf } from "../../src/terraform-json/provider-lock";
import { lockText } from "../support/provider-lock";
import { tempDir } from "../support/synth";
import { PROVIDER_PINS } from "../../src/constructs/provider-pins";

describe("the committed provider lock, split per stack", () => {
  it("reads each provider block with its address and release, kept as written", () => {
    const blocks = parseProviderLock(lockText([["aws", PROVIDER_PINS.aws], ["http", PROVIDER_PINS.http]]));
    expect(blocks.map((block) => [block.address, block.version])).toEqual([
      ["registry.terraform.io/hashicorp/aws", PROVIDER_PINS.aws],
      ["registry.terraform.io/hashicorp/http", PROVIDER_PINS.http],
    ]);
    expect(blocks[1]!.text).toBe(['provider "registry.terraform.io/hashicorp/http" {', `  version     = "${PROVIDER_PINS.http}"`, `  constraints = "${PROVIDER_PINS.http}"`, "  hashes = [", '    "h1:http-placeholder=",', `    "zh:http${"0".repeat(60)}",`, "  ]", "}"].join("\n"));
  });

  it("gives a stack exactly the blocks of the providers it requires, and names what the lock lacks", () => {
    const locked = parseProviderLock(lockText([["aws", PROVIDER_PINS.aws], ["http", PROVIDER_PINS.http]]));
    const awsOnly = lockForStack(locked, requiredProvidersOf({ terraform: { required_providers: { aws: { source: "aws", version: PROVIDER_PINS.aws } } } }));
    expect(awsOnly.ok && awsOnly.text).toContain('provider "registry.terraform.io/hashicorp/aws" {');
    expect(awsOnly.ok && awsOnly.text).not.toContain("hashicorp/http");
    expect(lockForStack(locked, [{ address: "registry.terraform.io/hashicorp/aws", version: "6.26.0" }])).toEqual({ ok: false, missing: ["registry.terraform.io/hashicorp/aws 6.26.0"] });
    expect(lockForStack([], [{ address: "registry.terraform.io/hashicorp/aws", version: PROVIDER_PINS.aws }])).toEqual({ ok: false, missing: [`registry.terraform.io/hashicorp/aws ${PROVIDER_PINS.aws}`] });
  });

  it("synth writes each stack's part of the lock into its folder, so cdktf and plan install the locked builds", () => {
    const dir = tempDir();
    const lock = join(dir, ".terraform.lock.hcl");
    writeFileSync(lock, lockText([["aws", PROVIDER_PINS.aws], ["http", PROVIDER_PINS.http]]));
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
    writeFileSync(lock, lockText([["aws", PROVIDER_PINS.aws]]));
    const result = synthesize({ env: {}, outdir: join(dir, "out"), providerLock: lock });
    expect(result.unlocked).toEqual(["peering"]);
    expect(result.lockWarning).toBe(
      `.terraform.lock.hcl lacks registry.terraform.io/hashicorp/http ${PROVIDER_PINS.http}, so terraform init installs unchecked builds for peering; commit the lock the Provider lock workflow makes (docs/provider-lock.md).`,
    );
    expect(existsSync(join(dir, "out", "stacks", "peering", ".terraform.lock.hcl"))).toBe(false);
    expect(existsSync(join(dir, "out", "stacks", "privatelink", ".terraform.lock.hcl"))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(dir, "out", "manifest.json"), "utf8"));
    expect(manifest.stacks.peering.annotations).toContainEqual({ constructPath: "peering", level: "@cdktf/warn", message: result.lockWarning });

    // Once the committed lock stops covering a stack, synth takes back the copy it wrote there, which may name
    // releases the stack no longer pins; a lock terraform init wrote is left alone.
    const peeringLock = join(dir, "again", "stacks", "peering", ".terraform.lock.hcl");
    writeFileSync(lock, lockText([["aws", PROVIDER_PINS.aws], ["http", PROVIDER_PINS.http]]));
    synthesize({ env: {}, outdir: join(dir, "again"), providerLock: lock });
    expect(readFileSync(peeringLock, "utf8")).toContain("# Written by synth from the project's .terraform.lock.hcl");
    writeFileSync(lock, lockText([["aws", PROVIDER_PINS.aws]]));
    synthesize({ env: {}, outdir: join(dir, "again"), providerLock: lock });
    expect(existsSync(peeringLock)).toBe(false);
    writeFileSync(peeringLock, lockText([["aws", "5.100.0"], ["http", PROVIDER_PINS.http]]));
    synthesize({ env: {}, outdir: join(dir, "again"), providerLock: lock });
    expect(existsSync(peeringLock)).toBe(true);
    expect(existsSync(join(dir, "again", "stacks", "state", ".terraform.lock.hcl"))).toBe(true);

    const none = synthesize({ env: {}, outdir: join(dir, "none"), providerLock: join(dir, "absent.hcl") });
    expect(none.unlocked).toEqual(["state", "peering", "endpoint-sharing", "privatelink", "alb-peering"]);
  });
});
