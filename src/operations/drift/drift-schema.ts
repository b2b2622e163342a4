import type { JsonSchema } from "../../docs/config-schema";
import { flows, text } from "../../review/report-schema";

/** Where `npm run docs` writes the schema of `npm run drift -- <stack> --json`. */
export const DRIFT_SCHEMA_FILE = "docs/drift.schema.json";

const strings = (description: string): JsonSchema => ({ type: "array", description, items: { type: "string" } });

/** The JSON `npm run drift -- <stack> --json` prints (`DriftReport` in src/operations/drift/drift-report.ts); docs/operating.md explains it. */
export function driftSchema(): JsonSchema {
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "npm run drift -- <stack> --json",
    description: "What changed in a deployed stack outside Terraform, and the flows that opened or closed with it (docs/operating.md).",
    type: "object",
    additionalProperties: false,
    required: ["stack", "drifted", "resources", "standing", "opened", "closed", "changedPath", "uncertain", "flowsCompared", "flowsDeclared"],
    properties: {
      stack: text("The stack's name."),
      drifted: { type: "boolean", description: "A resource drifted, a flow opened or closed, or an entry made outside Terraform still stands; the command then exits 3." },
      resources: {
        type: "array",
        description: "Each resource the refresh read differently from what the last apply recorded, without what the stack's own rule, route, association and attachment resources explain.",
        items: {
          type: "object",
          additionalProperties: false,
          required: ["address", "change", "attributes"],
          properties: {
            address: text("Terraform address."),
            constructPath: text("Construct path, as the code names it (cdktf's metadata)."),
            change: { type: "string", enum: ["changed", "deleted"], description: "Changed in place, or gone." },
            attributes: {
              type: "array",
              description: "What changed; empty for a deleted resource.",
              items: {
                type: "object",
                additionalProperties: false,
                required: ["attribute"],
                properties: {
                  attribute: text("The attribute's name."),
                  added: strings("Entries of a list that appeared (for a group's rules, those no resource of the stack manages: `ingress tcp/22 from 0.0.0.0/0`)."),
                  removed: strings("Entries of a list that went."),
                  before: text("The value the apply recorded, as JSON, cut at 120 characters."),
                  after: text("The value read now."),
                  sensitive: { type: "boolean", description: "The provider marks it sensitive: neither value is shown." },
                },
              },
            },
          },
        },
      },
      standing: {
        type: "array",
        description: "Entries no resource of the stack manages that the last apply recorded and are still there: made outside Terraform before it, kept by it, and kept by any later deploy.",
        items: {
          type: "object",
          additionalProperties: false,
          required: ["address", "attribute", "entries"],
          properties: {
            address: text("Terraform address of the resource whose list holds them."),
            constructPath: text("Its construct path."),
            attribute: text("The list: `ingress`, `egress`, `route`, `vpc`, `managed_policy_arns`."),
            entries: strings("The entries, as a person reads them."),
          },
        },
      },
      opened: flows("Flows reachable now and not as the code made them at the last apply, must-not ones among them."),
      closed: flows("Flows reachable at the last apply and not now."),
      changedPath: flows("Flows reachable both ways by another path, or partly reachable on one side."),
      uncertain: flows("Flows whose verdict on one side depends on values the state does not hold."),
      flowsCompared: { type: "integer", description: "Source, destination and traffic class triples evaluated." },
      flowsDeclared: { type: "boolean", description: "The stack's synth wrote the flows it declares; without them every flow counts as undeclared." },
    },
  };
}
