import { Testing, TerraformStack } from "cdktf";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { describe, expect, it } from "vitest";
import { checkGuardrails } from "../../src/guardrails/check";
import { declaredExceptions, exceptGuardrail } from "../../src/guardrails/exception";
import type { RuleId } from "../../src/guardrails/rule-ids";
import { formatStackReport } from "../../src/guardrails/report";
import type { TerraformJson } from "../../src/terraform-json/read";
import { stackWith } from "./findings";

const REASON = "the NAT gateway's address: instances leave through it, nothing connects in";

/** A stack with one Elastic IP, excepted as `except` says, as synth writes it (`//` blocks kept). */
function eipStack(except?: (eip: Eip) => void): TerraformJson {
  const stack = new TerraformStack(Testing.app(), "test");
  const eip = new Eip(stack, "address", { domain: "vpc", tags: { Name: "nat" } });
  except?.(eip);
  return JSON.parse(JSON.stringify(stack.toTerraform())) as TerraformJson;
}

describe("guardrail exceptions", () => {
  it("travel in the resource's // block of the synthesized JSON, where Terraform ignores them", () => {
    const json = eipStack((eip) => exceptGuardrail(eip, "no-public-ip", REASON));
    expect(declaredExceptions(json)).toEqual([{ address: "aws_eip.address", rule: "no-public-ip", reason: REASON }]);
  });

  it("turn the finding into an exception, shown with its reason in the report", () => {
    expect(checkGuardrails(eipStack(), "test").violations.map((finding) => finding.rule.id)).toEqual(["no-public-ip"]);
    const result = checkGuardrails(eipStack((eip) => exceptGuardrail(eip, "no-public-ip", REASON)), "test");
    expect(result.ok).toBe(true);
    expect(result.excepted.map((finding) => [finding.rule.id, finding.address, finding.reason])).toEqual([["no-public-ip", "aws_eip.address", REASON]]);
    expect(formatStackReport(result)).toContain(`excepted [no-public-ip] test: aws_eip.address (nat)\n      an Elastic IP is a public address\n      reason: ${REASON}`);
  });

  it("cover only their own rule on their own resource", () => {
    const json = eipStack((eip) => exceptGuardrail(eip, "name-tag", "named elsewhere, by the team that owns the address"));
    const result = checkGuardrails(json, "test");
    expect(result.violations.map((finding) => `${finding.rule.id} ${finding.address}`)).toEqual(["no-public-ip aws_eip.address"]);
    expect(result.unusedExceptions.map((exception) => exception.rule)).toEqual(["name-tag"]);
    expect(formatStackReport(result)).toContain("unused exception [name-tag] test: aws_eip.address: nothing to except; remove it");
  });

  it("refuse a reason that says nothing, and a rule that does not exist", () => {
    expect(() => eipStack((eip) => exceptGuardrail(eip, "no-public-ip", "needed"))).toThrow(
      /test\/address: the reason for excepting no-public-ip must be a sentence of at least 20 characters, got "needed"/,
    );
    expect(() => eipStack((eip) => exceptGuardrail(eip, "no-public-ips" as RuleId, REASON))).toThrow(/test\/address: no guardrail rule is named "no-public-ips"/);
  });

  it("fail the check when a hand-edited file carries an empty reason or names an unknown rule", () => {
    const json = stackWith({
      aws_eip: { address: { "//": { guardrail_exceptions: { "no-public-ip": "", "no-such-rule": REASON } }, domain: "vpc", tags: { Name: "nat" } } },
    });
    const result = checkGuardrails(json, "edited");
    expect(result.ok).toBe(false);
    expect(result.invalidExceptions.map(({ exception, problem }) => `${exception.rule}: ${problem}`)).toEqual([
      'no-public-ip: the reason must be a sentence of at least 20 characters, got ""',
      'no-such-rule: no guardrail rule is named "no-such-rule"',
    ]);
    expect(result.violations.map((finding) => finding.rule.id)).toEqual(["no-public-ip"]);
  });
});
