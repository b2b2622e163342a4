import { expect } from "vitest";
import type { ConfigIssue } from "../../src/config/errors";
import { mergeOverrides, findConfigIssues } from "../../src/topologies/project-config";

/** Every issue validation finds in the defaults with `overrides` laid over them. */
export function issuesWith(overrides: unknown): ConfigIssue[] {
  return findConfigIssues(mergeOverrides(overrides, "test"));
}

/** Asserts exactly one issue, naming the key and the value, with the rule's words. */
export function expectOneIssue(overrides: unknown, key: string, value: unknown, rule: RegExp): void {
  const issues = issuesWith(overrides);
  expect(issues, JSON.stringify(issues)).toHaveLength(1);
  expect(issues[0]).toMatchObject({ key, value });
  expect(issues[0]!.rule).toMatch(rule);
}
