import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { synthesize } from "../src/app";
import { GuardrailError } from "../src/guardrails/gate";
import { imdsv2Required } from "../src/guardrails/rules/imdsv2-required";
import { runSynth } from "../src/cli/synth";
import { tempDir } from "./support/synth";

/** Stands in for a construct that forgot IMDSv2: the rule flags every instance. */
function breakImdsv2Rule(): void {
  vi.spyOn(imdsv2Required, "check").mockImplementation((subject) => subject.context.blocks("aws_instance").map((block) => ({ address: block.address, problem: "http_tokens is optional" })));
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe("synth with guardrails", () => {
  it("writes every stack when all are clean, and keeps what else is in the output folder (a stack's .terraform)", () => {
    const outdir = join(tempDir(), "cdktf.out");
    mkdirSync(join(outdir, "stacks", "peering", ".terraform"), { recursive: true });
    writeFileSync(join(outdir, "stacks", "peering", ".terraform", "keep"), "providers");
    synthesize({ env: {}, outdir });
    expect(JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")).stacks).toHaveProperty("peering");
    expect(existsSync(join(outdir, "stacks", "alb-peering", "cdk.tf.json"))).toBe(true);
    expect(readFileSync(join(outdir, "stacks", "peering", ".terraform", "keep"), "utf8")).toBe("providers");
  });

  it("stops on a violation, writes nothing, and names the rule, the resource address and the fix", () => {
    breakImdsv2Rule();
    const outdir = join(tempDir(), "cdktf.out");
    expect(() => synthesize({ env: {}, outdir })).toThrow(GuardrailError);
    expect(existsSync(outdir)).toBe(false);

    let printed = "";
    expect(runSynth({ env: {}, outdir, stderr: { write: (text: string) => (printed += text) } })).toBe(1);
    expect(existsSync(outdir)).toBe(false);
    expect(printed).toMatch(/^Guardrails: 11 violations in peering, endpoint-sharing, privatelink, alb-peering; nothing was written\.\n/);
    expect(printed).toMatch(
      /  \[imdsv2-required\] peering: aws_instance\.ec2-1_instance_[0-9A-F]{8} \(peering-ec2-1\)\n      problem: http_tokens is optional\n      fix: set metadata_options \{ http_tokens = "required" \} \(HardenedInstance does\)\n      or, when the topology needs it: exceptGuardrail\(resource, "imdsv2-required", "<why, in a sentence>"\)\n/,
    );
    expect(printed.trimEnd().split("\n").at(-1)).toBe("Run `npm run guardrails` for the full report.");
  });

  it("refuses cdktf synth --hcl up front, since the guardrails read JSON, and writes nothing", () => {
    vi.stubEnv("SYNTH_HCL_OUTPUT", "true");
    const outdir = join(tempDir(), "cdktf.out");
    let printed = "";
    expect(runSynth({ env: {}, outdir, stderr: { write: (text: string) => (printed += text) } })).toBe(1);
    expect(printed).toContain('SYNTH_HCL_OUTPUT = "true": cdktf synth --hcl is not supported: the guardrails and npm run verify read each stack\'s JSON; synthesize without --hcl');
    expect(existsSync(outdir)).toBe(false);
  });
});
