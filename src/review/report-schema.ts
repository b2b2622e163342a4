import type { JsonSchema } from "../docs/config-schema";

/** Where `npm run docs` writes the schema of `npm run review -- --json`. */
export const REVIEW_SCHEMA_FILE = "docs/review.schema.json";

/** A string property, described. */
export const text = (description: string): JsonSchema => ({ type: "string", description });
const status = (description: string): JsonSchema => ({ type: "string", enum: ["reachable", "blocked", "partial", "unknown", "absent"], description });

export const flowChange: JsonSchema = {
  type: "object",
  additionalProperties: false,
  required: ["from", "to", "traffic", "expectation", "base", "head", "reason", "cause"],
  properties: {
    from: text("The source: an instance, an Instance Connect endpoint, any other host in a subnet, or the internet, by its Name tag."),
    to: text("The destination: an instance, an interface endpoint, a load balancer, or a DNS name."),
    traffic: text("What is sent, as a range of destination ports the two sides treat alike: `tcp/22`, `tcp/20-21`, `udp (every port)`, `icmp` (ping)."),
    expectation: { type: "string", enum: ["intended", "must-not", "undeclared"], description: "What the stack declares of this flow: it must work, it must not, or nothing." },
    base: status("The verdict on the base; `absent` when the base does not have the source, the destination or the stack."),
    head: status("The verdict on the head; `absent` likewise."),
    reason: {
      type: "object",
      additionalProperties: false,
      required: ["base", "head"],
      properties: { base: text("Why the base's verdict: what blocks, or the path taken."), head: text("Why the head's verdict.") },
    },
    cause: {
      type: "array",
      description: "The resources that made the difference: those the change touched on either side's path, else those deciding each verdict.",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["address", "change"],
        properties: {
          address: text("Terraform address, as the plan shows it (head's name after a `moved` block)."),
          constructPath: text("Construct path, as the code names it (cdktf's metadata)."),
          change: { type: "string", enum: ["added", "removed", "changed", "unchanged"], description: "What the change did to the resource." },
        },
      },
    },
  },
};

const guardrailChange: JsonSchema = {
  type: "object",
  additionalProperties: false,
  required: ["rule", "address", "label", "problem"],
  properties: {
    rule: text("Guardrail rule id (docs/guardrails.md)."),
    address: text("Terraform address of the resource."),
    label: text("Its Name tag, else its address."),
    problem: text("What the rule found."),
    excepted: text("The reason of the exception that allows it; absent for a violation."),
  },
};

const costLine: JsonSchema = {
  type: "object",
  additionalProperties: false,
  required: ["what", "count", "monthlyUsd"],
  properties: { what: text("What is priced."), count: { type: "number", description: "How many (instances, zones, GiB)." }, monthlyUsd: { type: "number", description: "Their monthly list price together." } },
};

/** A list of flow changes, as the review and drift report them. */
export const flows = (description: string): JsonSchema => ({ type: "array", description, items: flowChange });

/** The JSON `npm run review -- --json` prints (`ReviewReport` in src/review/review.ts); docs/review.md explains it. */
export function reviewSchema(): JsonSchema {
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "npm run review -- --json",
    description: "What a change does to each stack's network, from two synth outputs (docs/review.md).",
    type: "object",
    additionalProperties: false,
    required: ["base", "head", "stacks", "unchanged", "prices"],
    properties: {
      base: text("The base: a synth output folder, or the git ref synthesized."),
      head: text("The head: a synth output folder, or this checkout synthesized."),
      unchanged: { type: "array", description: "Stacks both sides synthesize alike.", items: { type: "string" } },
      prices: {
        type: "object",
        additionalProperties: false,
        required: ["region", "recorded", "excluded"],
        properties: {
          region: text("The Region whose list prices the costs use."),
          recorded: text("When the price table was put together (src/review/prices.ts)."),
          excluded: { type: "array", description: "Charges by use the costs leave out.", items: { type: "string" } },
        },
      },
      stacks: {
        type: "array",
        description: "Each stack either side has and the two do not synthesize alike, in deploy order.",
        items: {
          type: "object",
          additionalProperties: false,
          required: ["stack", "presence", "opened", "closed", "changedPath", "uncertain", "flowsCompared", "guardrails", "costDelta", "cost", "declaredFlows", "diagram"],
          properties: {
            stack: text("The stack's name."),
            presence: { type: "string", enum: ["both", "added", "removed"], description: "Whether both sides have the stack, or only the head (added) or the base (removed)." },
            opened: flows("Flows reachable on the head and not on the base, must-not ones among them."),
            closed: flows("Flows reachable on the base and not on the head."),
            changedPath: flows("Flows reachable on both sides by another path (peering to transit gateway, another endpoint, another zone's answer), or partly reachable on one."),
            uncertain: flows("Flows whose verdict on one side depends on values known only after apply."),
            flowsCompared: { type: "integer", description: "Source, destination and traffic class triples evaluated: those through a VPC the change touched." },
            guardrails: {
              type: "object",
              additionalProperties: false,
              required: ["new", "fixed"],
              properties: { new: { type: "array", items: guardrailChange, description: "Findings the head has and the base had not." }, fixed: { type: "array", items: guardrailChange, description: "Findings the base had and the head has not." } },
            },
            costDelta: { type: "number", description: "Monthly list price of the head minus the base's, in USD, before charges by use." },
            cost: {
              type: "object",
              additionalProperties: false,
              required: ["baseMonthlyUsd", "headMonthlyUsd", "base", "head", "unpriced"],
              properties: {
                baseMonthlyUsd: { type: "number", description: "The base's monthly list price." },
                headMonthlyUsd: { type: "number", description: "The head's monthly list price." },
                base: { type: "array", items: costLine, description: "What the base's price is made of." },
                head: { type: "array", items: costLine, description: "What the head's price is made of." },
                unpriced: { type: "array", items: { type: "string" }, description: "Things the price table has no price for, counted at nothing." },
              },
            },
            declaredFlows: {
              type: "object",
              additionalProperties: false,
              required: ["base", "head"],
              properties: { base: { type: "boolean", description: "The base's synth wrote the flows it declares." }, head: { type: "boolean", description: "The head's did." } },
            },
            diagram: text("The head's network (the base's for a removed stack) as a Mermaid flowchart, changed elements outlined."),
          },
        },
      },
    },
  };
}
