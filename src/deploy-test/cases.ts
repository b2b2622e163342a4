import { readFileSync } from "node:fs";
import { projectFile } from "../config/project-file";
import { STACK_NAMES, type StackName } from "../topologies/registry";

type Overrides = Record<string, unknown>;

/**
 * The operator's address is fetched from the internet at plan time by default, which
 * the emulated run cannot reach; every deploying case fixes it to a documentation
 * address (RFC 5737) instead. The lookup itself is validated by the `peering+address-lookup` case.
 */
export const OPERATOR_CIDR = "198.51.100.7";

/** Another account, as moto serves it to a role assumed there. */
export const OTHER_ACCOUNT = "111122223333";
const OTHER_ACCOUNT_ROLE = `arn:aws:iam::${OTHER_ACCOUNT}:role/privnet-deploy`;
const FLOW_LOGS_ON = { flowLogs: { enabled: true } };

export interface StackCase {
  readonly kind: "stack";
  readonly name: string;
  readonly stack: StackName;
  readonly description: string;
  readonly overrides: Overrides;
}

/**
 * The quick start's first deployment (README.md): `state` on local state, its `config-snippet` into the
 * configuration, then `peering` with its state in that bucket; with a second plan
 * while the apply holds the lock.
 */
export interface BootstrapCase {
  readonly kind: "bootstrap";
  readonly name: "bootstrap";
  readonly stack: "peering";
  readonly description: string;
  readonly overrides: Overrides;
}

/**
 * A stack that is only synthesized, initialized and validated: the true defaults of
 * `peering`, whose operator address lookup needs the http provider, and at plan time
 * the internet, neither of which the emulated run has.
 */
export interface ValidateCase {
  readonly kind: "validate";
  readonly name: string;
  readonly stack: StackName;
  readonly description: string;
  readonly overrides: Overrides;
  /** Why it cannot go further; it is skipped where its providers cannot come from the registry. */
  readonly onlyValidated: string;
}

export type DeployCase = StackCase | BootstrapCase | ValidateCase;

function readExample(file: string): Overrides {
  return JSON.parse(readFileSync(projectFile(`examples/${file}`), "utf8")) as Overrides;
}

function withOperator(overrides: Overrides): Overrides {
  const peering = (overrides["peering"] ?? {}) as Overrides;
  return { ...overrides, peering: { ...peering, operator: { cidr: OPERATOR_CIDR } } };
}

function stackCase(name: string, stack: StackName, description: string, overrides: Overrides = {}): StackCase {
  return { kind: "stack", name, stack, description, overrides: withOperator(overrides) };
}

export function deployCases(): DeployCase[] {
  const article003 = readExample("privatelink-article-003.json");
  return [
    ...STACK_NAMES.map((stack) => stackCase(stack, stack, "defaults")),
    stackCase("peering+flow-logs", "peering", "flow logs on", { peering: FLOW_LOGS_ON }),
    stackCase("privatelink+article-003", "privatelink", "examples/privatelink-article-003.json: NAT gateways, Reachability Analyzer; flow logs on", {
      ...article003,
      privatelink: { ...(article003["privatelink"] as Overrides), ...FLOW_LOGS_ON },
    }),
    stackCase("privatelink+other-account", "privatelink", "a consumer in another account, placed by zone IDs", {
      privatelink: {
        service: {
          subnets: [
            { name: "shared-private-a", cidr: "172.16.1.0/24", availabilityZone: "apne1-az4" },
            { name: "shared-private-c", cidr: "172.16.2.0/24", availabilityZone: "apne1-az1" },
          ],
        },
        consumers: [
          {
            name: "dev",
            cidr: "10.0.0.0/16",
            subnets: [{ name: "dev-private", cidr: "10.0.1.0/24", availabilityZone: "apne1-az4" }],
            clientSubnet: "dev-private",
            endpointSubnets: ["dev-private"],
            assumeRoleArn: OTHER_ACCOUNT_ROLE,
          },
        ],
      },
    }),
    stackCase("endpoint-sharing+transit-gateway", "endpoint-sharing", "spokes over a transit gateway; flow logs on", {
      endpointSharing: { transport: "transit-gateway", ...FLOW_LOGS_ON },
    }),
    stackCase("endpoint-sharing+route53-profile", "endpoint-sharing", "private zones shared through a Route 53 profile", {
      endpointSharing: { dns: "route53-profile" },
    }),
    stackCase("alb-peering+other-account", "alb-peering", "the ALB's VPC in another account; flow logs on", {
      albPeering: { foo: { assumeRoleArn: OTHER_ACCOUNT_ROLE }, ...FLOW_LOGS_ON },
    }),
    {
      kind: "validate",
      name: "peering+address-lookup",
      stack: "peering",
      description: "the true defaults: the operator's address fetched at plan time (validate only)",
      overrides: {},
      onlyValidated: "its plan fetches the operator's address from the internet",
    },
    {
      kind: "bootstrap",
      name: "bootstrap",
      stack: "peering",
      description: "state bucket first, then peering with its state in it; lock contention",
      overrides: withOperator({}),
    },
  ];
}

/** The cases named on the command line: by case name, or every case of a stack name. */
export function selectCases(cases: readonly DeployCase[], names: readonly string[]): { readonly selected: DeployCase[]; readonly unknown: string[] } {
  if (names.length === 0) return { selected: [...cases], unknown: [] };
  const unknown = names.filter((name) => !cases.some((c) => c.name === name || c.stack === name));
  const selected = cases.filter((c) => names.includes(c.name) || names.includes(c.stack));
  return { selected, unknown };
}
