import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TerraformSteps } from "../../src/deploy-test/terraform-steps";
import { tempDir } from "../support/synth";

/** A stand-in for terraform that answers with its own CPU priority and its arguments. */
function fakeTerraform(): string {
  const file = join(tempDir(), "terraform");
  writeFileSync(file, '#!/bin/sh\necho "niceness $(nice) args $*"\n');
  chmodSync(file, 0o755);
  return file;
}

// No time limit: these start processes, which takes what the machine takes.
describe("a Terraform step", { timeout: 0 }, () => {
  it("runs Terraform at the CPU priority it is given, with its arguments, and logs the output", async () => {
    const binary = fakeTerraform();
    const folder = tempDir();
    const log = join(folder, "steps.log");
    const own = await new TerraformSteps(binary, process.env, folder, log).run(["plan", "-input=false"]);
    const lowered = await new TerraformSteps(binary, process.env, folder, log, 5).run(["plan", "-input=false"]);
    const niceness = (output: string) => Number(/niceness (-?\d+)/.exec(output)?.[1]);
    expect(own.code).toBe(0);
    expect(lowered.code).toBe(0);
    expect(own.output).toMatch(/args plan -input=false$/m);
    expect(lowered.output).toMatch(/args plan -input=false$/m);
    expect(niceness(lowered.output) - niceness(own.output)).toBe(5);
    expect(readFileSync(log, "utf8")).toContain("$ terraform plan -input=false");
  });
});
