import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { runGuardrails } from "../../src/cli/guardrails";
import { capture, synthesizedPeeringFile } from "../support/commands";
import { tempDir } from "../support/synth";

describe("npm run guardrails", () => {
  test("without arguments it reports every stack, rule by rule, with each exception's reason, and exits 0", () => {
    const stdout = capture();
    expect(runGuardrails({ env: {}, stdout: stdout.stream })).toBe(0);
    const text = stdout.text();
    expect(text.indexOf("state (7 resources): clean")).toBeLessThan(text.indexOf("peering (27 resources): clean, 0 violations, 2 exceptions"));
    expect(text).toContain("  ok             1  s3-tls-only                    S3 buckets (the state bucket) refuse requests without TLS\n");
    expect(text).toContain("  n/a            0  imdsv2-required                Instances and launch templates require IMDSv2 session tokens\n");
    expect(text).toContain("  excepted 2     2  vpc-flow-logs                  Every VPC records flow logs\n");
    expect(text).toContain("      reason: flow logs are off for this stack (albPeering.flowLogs.enabled = false; off unless turned on)");
    expect(text.trimEnd().split("\n").at(-1)).toBe("guardrails: 5 stacks, 16 rules, no violations, 10 exceptions with reasons");
  });

  test("judges one synthesized stack file given on the command line", () => {
    const { dir, file } = synthesizedPeeringFile();
    const stdout = capture();
    expect(runGuardrails({ env: {}, files: [file], baseDir: dir, stdout: stdout.stream })).toBe(0);
    expect(stdout.text()).toContain("peering (27 resources): clean");
    expect(stdout.text()).not.toContain("state (");
  });

  test("an edited copy with IMDSv1 and SSH open to the world exits 1 with each rule id, address and fix", () => {
    const { dir, file } = synthesizedPeeringFile();
    const json = JSON.parse(readFileSync(join(dir, file), "utf8"));
    const [instanceName, instance] = Object.entries<any>(json.resource.aws_instance)[0]!;
    instance.metadata_options.http_tokens = "optional";
    const [ruleName, rule] = Object.entries<any>(json.resource.aws_vpc_security_group_ingress_rule).find(([, body]) => body.from_port === 22)!;
    delete rule.referenced_security_group_id;
    rule.cidr_ipv4 = "0.0.0.0/0";
    mkdirSync(join(dir, "edited"));
    writeFileSync(join(dir, "edited", "peering.json"), JSON.stringify(json));
    const stdout = capture();
    expect(runGuardrails({ env: {}, files: ["edited/peering.json"], baseDir: dir, stdout: stdout.stream })).toBe(1);
    const text = stdout.text();
    expect(text).toContain("peering (27 resources): FAILS, 2 violations, 2 exceptions");
    expect(text).toContain(
      `  [imdsv2-required] peering: aws_instance.${instanceName} (peering-ec2-1)\n      problem: metadata_options.http_tokens is "optional", not "required"\n      fix: set metadata_options { http_tokens = "required" } (HardenedInstance does)\n`,
    );
    expect(text).toContain(`  [no-world-ingress] peering: aws_vpc_security_group_ingress_rule.${ruleName}`);
    expect(text).toContain("      problem: admits tcp/22 from 0.0.0.0/0\n");
    expect(text.trimEnd().split("\n").at(-1)).toBe("guardrails: 1 stack, 16 rules, 2 VIOLATIONS, 2 exceptions with reasons");
  });

  test("a file that is not Terraform JSON exits 2 and says so", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "broken.json"), "[]");
    const stderr = capture();
    expect(runGuardrails({ env: {}, files: ["broken.json"], baseDir: dir, stderr: stderr.stream })).toBe(2);
    expect(stderr.text()).toContain("broken.json: cannot read it as Terraform JSON");
  });
});
