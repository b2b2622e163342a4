import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "./synth";
import { PROVIDER_PINS } from "../../src/constructs/provider-pins";

/** A lock file in Terraform's layout for hashicorp providers; the hashes are placeholders that only these tests read. */
export function lockText(providers: readonly (readonly [string, string])[]): string {
  return [
    "# This file is maintained automatically by \"terraform init\".",
    "# Manual edits may be lost in future updates.",
    ...providers.flatMap(([name, version]) => [
      "",
      `provider "registry.terraform.io/hashicorp/${name}" {`,
      `  version     = "${version}"`,
      `  constraints = "${version}"`,
      "  hashes = [",
      `    "h1:${name}-placeholder=",`,
      `    "zh:${name}${"0".repeat(64 - name.length)}",`,
      "  ]",
      "}",
    ]),
    "",
  ].join("\n");
}

/** A lock file holding the stacks' pins, or the providers given. */
export function lockFile(providers: readonly (readonly [string, string])[] = [["aws", PROVIDER_PINS.aws], ["http", PROVIDER_PINS.http]]): string {
  const path = join(tempDir(), ".terraform.lock.hcl");
  writeFileSync(path, lockText(providers));
  return path;
}
