import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULE_IDS } from "../../src/guardrails/rule-ids";
import { GUARDRAIL_RULES } from "../../src/guardrails/rules";

const RULES_DIR = join(__dirname, "..", "..", "src", "guardrails", "rules");
const CONTROL = /^(checkov CKV2?_AWS_\d+(-\d+)?|AWS FSBP [A-Za-z0-9]+\.\d+|Security Hub .+|CIS AWS v\d+\.\d+\.\d+ \d+(\.\d+)*)$/;

describe("the guardrail rules", () => {
  it("are registered once each, in the order of RULE_IDS", () => {
    expect(GUARDRAIL_RULES.map((rule) => rule.id)).toEqual([...RULE_IDS]);
  });

  it("each live in a file of their own, named by their id", () => {
    const files = readdirSync(RULES_DIR).filter((file) => readFileSync(join(RULES_DIR, file), "utf8").includes(": GuardrailRule = {"));
    expect(files.map((file) => file.replace(/\.ts$/, "")).sort()).toEqual([...RULE_IDS].sort());
  });

  it("each say what must hold, why in one line, how to fix it, and which benchmark controls they match", () => {
    for (const rule of GUARDRAIL_RULES) {
      expect(rule.title, rule.id).toMatch(/^[A-Z].{10,}[^.]$/);
      expect(rule.rationale, rule.id).toMatch(/^[A-Z][^\n]{20,}\.$/);
      expect(rule.fix.length, rule.id).toBeGreaterThan(20);
      for (const control of rule.controls) {
        expect(control, rule.id).toMatch(CONTROL);
      }
    }
    expect(GUARDRAIL_RULES.filter((rule) => rule.controls.length === 0).map((rule) => rule.id)).toEqual(["state-backend-locking"]);
  });
});
