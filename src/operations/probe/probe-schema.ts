import type { JsonSchema } from "../../docs/config-schema";
import { text } from "../../review/report-schema";

/** Where `npm run docs` writes the schema of `npm run probe -- <stack> --json`. */
export const PROBE_SCHEMA_FILE = "docs/probe.schema.json";

const count = (description: string): JsonSchema => ({ type: "integer", description });

/** The JSON `npm run probe -- <stack> --json` prints (`ProbeReport` in src/operations/probe/probe-report.ts); docs/operating.md explains it. */
export function probeSchema(): JsonSchema {
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "npm run probe -- <stack> --json",
    description: "What the articles' checks saw from a deployed stack's instances, flow by flow, against what the verifier expects of its deployed state (docs/operating.md).",
    type: "object",
    additionalProperties: false,
    required: ["stack", "region", "resources", "waysIn", "rows", "summary"],
    properties: {
      stack: text("The stack probed."),
      account: text("The account of the probe's credentials."),
      region: text("The stack's region."),
      resources: count("Resources in the deployed state the model was built from."),
      waysIn: {
        type: "array",
        description: "Every instance of the stack, and how the probe enters it.",
        items: {
          type: "object",
          additionalProperties: false,
          required: ["instance", "way", "detail"],
          properties: {
            instance: text("The instance, by its Name tag."),
            instanceId: text("Its id, from the state."),
            way: { type: "string", enum: ["run-command", "instance-connect", "none"], description: "Run Command through Systems Manager, SSH through an Instance Connect endpoint, or no way in." },
            detail: text("The path the deployed model gives for the way in, or why there is none."),
          },
        },
      },
      rows: {
        type: "array",
        description: "The table: the ways in, every intended flow, at least one flow of every exclusive or must-not declaration, and the DNS answers the flows use.",
        items: {
          type: "object",
          additionalProperties: false,
          required: ["check", "flow", "why", "expected", "expectedReason", "observed", "evidence", "result"],
          properties: {
            check: { type: "string", enum: ["way in", "traffic", "dns"], description: "The probe entering an instance, a flow, or what a flow's DNS name resolves to from its source." },
            flow: text("`source -> destination traffic`, `instance resolves name`, `Run Command -> instance`, or for a declaration none of whose flows can be probed, `anything else -> destination traffic`."),
            declared: { type: "string", enum: ["intended", "must-not"], description: "What the stack declares of the flow; absent for a way in of the probe's own and for DNS rows." },
            why: text("Why the stack declares it, or what the row is for."),
            expected: {
              type: "string",
              enum: ["reachable", "blocked", "partial", "unknown", "private", "not private"],
              description: "The verifier's verdict on the deployed model; for DNS rows, whether the answer must be private addresses of the VPC the name leads to.",
            },
            expectedReason: text("The verdict's reason: the path, or what blocks."),
            observed: text(
              "What the instance saw: reachable, blocked, lossy (some pings lost), refused, unresolved, server-error (HTTP 5xx), no-answer, error; for DNS private, elsewhere, nxdomain, no-data, error; for a way in reachable, blocked, error; or not probed, not run.",
            ),
            evidence: text("The line that shows it (ping's loss, curl's exit status, dig's answer, the Run Command status), or why it was not probed."),
            result: { type: "string", enum: ["match", "differs", "not probed", "no expectation", "could not run"], description: "How the observation compares with the expectation." },
            instance: text("The instance the probe ran on, or entered."),
            command: text("The command line it ran there."),
          },
        },
      },
      summary: {
        type: "object",
        additionalProperties: false,
        required: ["match", "differs", "notProbed", "noExpectation", "couldNotRun"],
        properties: {
          match: count("Rows as expected."),
          differs: count("Rows not as expected: the exit code is 3."),
          notProbed: count("Rows the probe cannot see from any instance it enters, each saying why."),
          noExpectation: count("Rows whose verdict is partial or unknown, so nothing to compare with."),
          couldNotRun: count("Rows whose probe failed on the probe's side (a permission, a tool): the exit code is 2 unless a row differs."),
        },
      },
    },
  };
}
