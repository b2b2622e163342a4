import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config/errors";
import { CONFIG_FILE_VARIABLE } from "../../src/config/load";
import { loadConfig, mergeOverrides } from "../../src/topologies/project-config";
import { expectOneIssue, issuesWith } from "../support/config-issues";
import { synthStack, tempDir } from "../support/synth";

/** The ConfigError loading `text` as the configuration file raises. */
function refusal(text: string): ConfigError {
  const file = join(tempDir(), "privnet.json");
  writeFileSync(file, text);
  try {
    loadConfig({ env: { [CONFIG_FILE_VARIABLE]: file } });
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`${text} was accepted`);
}

describe("keys are the configuration's own", () => {
  it.each(['{"__proto__": {}}', '{"constructor": 1}', '{"peering": {"toString": "x"}}', '{"peering": {"requester": {"hasOwnProperty": "x"}}}'])("refuses %s as an unknown key, naming the keys known there", (text) => {
    const error = refusal(text);
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]!.rule).toMatch(/^is not a configuration key \(known here: /);
  });

  it("keeps a tag named __proto__ or constructor, which AWS accepts, all the way into the provider's default tags", () => {
    const tags = JSON.parse('{"__proto__": "x", "constructor": "y"}') as Record<string, string>;
    const config = mergeOverrides({ tags }, "test");
    expect(Object.keys(config.tags)).toEqual(["__proto__", "constructor"]);
    const provider = (synthStack("peering", { tags }).json as unknown as { provider: { aws: { default_tags: { tags: Record<string, string> }[] }[] } }).provider.aws[0]!;
    expect(Object.entries(provider.default_tags[0]!.tags)).toEqual(expect.arrayContaining([["__proto__", "x"], ["constructor", "y"]]));
  });
});

describe("messages a person can read", () => {
  it("cuts a long value to a readable length, saying how long it was", () => {
    const error = refusal(JSON.stringify({ project: "x".repeat(4_000) }));
    expect(error.message.length).toBeLessThan(2_000);
    expect(error.message).toContain("… (4002 characters)");
  });

  it("shows a number too large for JSON as written, not as null", () => {
    const error = refusal('{ "albPeering": { "alb": { "listenerPort": 1e400 } }, "tags": { "note": "1e999 in a string is text" } }');
    expect(error.issues).toEqual([expect.objectContaining({ key: "albPeering.alb.listenerPort", rule: expect.stringMatching(/too large/) })]);
    expect(error.message).toContain("albPeering.alb.listenerPort = 1e400:");
  });

  it("reads a file that starts with a byte-order mark", () => {
    const file = join(tempDir(), "privnet.json");
    writeFileSync(file, '\uFEFF{ "project": "bom" }');
    expect(loadConfig({ env: { [CONFIG_FILE_VARIABLE]: file } }).project).toBe("bom");
  });

  it("names each too-large number by its own key, whatever the order of the keys", () => {
    const error = refusal('{ "tags": { "z": 1e400, "5": 2e400 } }');
    expect(error.message).toContain("tags.z = 1e400:");
    expect(error.message).toContain("tags.5 = 2e400:");
  });

  it("cuts a huge key and a rule that quotes huge names, not only the value", () => {
    const error = refusal(JSON.stringify({ ["k".repeat(3000)]: 1 }));
    expect(error.message.length).toBeLessThan(2_000);
  });

  it.each(["${file(\"/etc/hostname\")}", "%{ if true }x%{ endif }", "${TfToken[TOKEN.99999]}", "#{TfToken[TOKEN.1]}"])("refuses %s in a string, which Terraform or cdktf would read as something else", (text) => {
    for (const overrides of [{ instances: { amiSsmParameter: `/aws/${text}` } }, { tags: { note: text } }, { tags: { [text]: "x" } }]) {
      let issues: readonly { rule: string }[] = [];
      try {
        mergeOverrides(overrides, "test");
      } catch (error) {
        issues = (error as ConfigError).issues;
      }
      expect(issues, JSON.stringify(overrides)).toHaveLength(1);
      expect(issues[0]!.rule).toMatch(/must be plain text, without \$\{, %\{ or #\{/);
    }
  });

  it.each([
    { tags: { "a\nb": "x", "A\nB": "y" } },
    { albPeering: { foo: { assumeRoleArn: "arn:aws:iam::111122223333:role/x\ny\u2028z" } } },
  ])("keeps each problem on one line, whatever line breaks a key, a value or a quoted name brings: %j", (overrides) => {
    const error = refusal(JSON.stringify(overrides));
    const lines = error.message.split("\n");
    expect(error.issues.length).toBeGreaterThan(0);
    expect(lines.length).toBe(error.issues.length + 1);
    expect(lines.slice(1).every((line) => line.startsWith("  - "))).toBe(true);
    expect(error.message).not.toMatch(/\u2028/);
  });

  it("shows an empty key as JSON writes it, so that the message names something", () => {
    expect(refusal('{ "": 1, "peering": { "": 2 } }').issues.map((issue) => issue.key)).toEqual(['""', 'peering.""']);
    expect(refusal('{ "tags": { "": "a", "": "b" } }').issues.map((issue) => issue.key)).toEqual(['tags.""']);
  });

  it.each([["[]", "an array"], ["null", "null"], ['"x"', "a string"], ["1e400", "a number"]])("names the file and what it holds when the top is %s, not an empty key", (text, what) => {
    const error = refusal(text);
    expect(error.issues).toEqual([expect.objectContaining({ key: CONFIG_FILE_VARIABLE, rule: `must name a file holding one JSON object of settings, not ${what}` })]);
  });
});

describe("open to the world, one step removed", () => {
  it("refuses client ranges that together cover every address", () => {
    expectOneIssue({ albPeering: { alb: { additionalClientCidrs: ["0.0.0.0/1", "128.0.0.0/1"] } } }, "albPeering.alb.additionalClientCidrs", ["0.0.0.0/1", "128.0.0.0/1"], /together cover every IPv4 address/);
  });

  it("accepts ranges that leave addresses out", () => {
    expect(issuesWith({ albPeering: { alb: { additionalClientCidrs: ["0.0.0.0/1", "128.0.0.0/2"] } } })).toEqual([]);
  });

  it.each(["0.0.0.0/0", "203.0.113.0/24"])("refuses an operator range %s: the operator is one address", (cidr) => {
    expectOneIssue({ peering: { operator: { cidr } } }, "peering.operator.cidr", cidr, /must be one address, a \/32/);
  });

  it.each(["203.0.113.10", "203.0.113.10/32"])("takes the operator's one address %s", (cidr) => {
    expect(() => synthStack("peering", { peering: { operator: { cidr } } })).not.toThrow();
  });
});
