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
  /** The stacks it deploys: its own. */
  readonly stacks: readonly StackName[];
  readonly description: string;
  readonly overrides: Overrides;
  /** A change made outside Terraform once the stack is deployed, which drift must report (src/deploy-test/drift-scenarios.ts). */
  readonly drift?: "peering-rules" | "zone-association";
}

/**
 * The quick start's first deployment (README.md): `state` on local state, its `config-snippet` into the
 * configuration, then `peering` with its state in that bucket; with a second plan
 * while the apply holds the lock. It is also the deployment of both stacks at their
 * defaults: each is planned again after its apply, destroyed and looked for, as a
 * stack case would, so neither has a case of its own.
 */
export interface BootstrapCase {
  readonly kind: "bootstrap";
  readonly name: "bootstrap";
  readonly stack: "peering";
  readonly stacks: readonly ["state", "peering"];
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
  readonly stacks: readonly StackName[];
  readonly description: string;
  readonly overrides: Overrides;
  /** Why it cannot go further; it is skipped where its providers cannot come from the registry. */
  readonly onlyValidated: string;
}

/**
 * A stack that is synthesized, initialized and planned only: what the emulator can serve
 * of it is a part, resource for resource, of a case that deploys (`appliedBy`), so its
 * apply would prove nothing that case does not; the rest (what the emulator cannot
 * serve) is only ever planned anyway. A test keeps the two in step.
 */
export interface PlanCase {
  readonly kind: "plan";
  readonly name: string;
  readonly stack: StackName;
  readonly stacks: readonly StackName[];
  readonly description: string;
  readonly overrides: Overrides;
  readonly appliedBy: string;
}

export type DeployCase = StackCase | BootstrapCase | ValidateCase | PlanCase;

function readExample(file: string): Overrides {
  return JSON.parse(readFileSync(projectFile(`examples/${file}`), "utf8")) as Overrides;
}

function withOperator(overrides: Overrides): Overrides {
  const peering = (overrides["peering"] ?? {}) as Overrides;
  return { ...overrides, peering: { ...peering, operator: { cidr: OPERATOR_CIDR } } };
}

function stackCase(name: string, stack: StackName, description: string, overrides: Overrides = {}): StackCase {
  return { kind: "stack", name, stack, stacks: [stack], description, overrides: withOperator(overrides) };
}

/** The stacks the bootstrap deploys at their defaults, which need no case of their own. */
const BOOTSTRAPPED: readonly StackName[] = ["state", "peering"];

/**
 * Every case, the bootstrap first: it is the longest (its `state` apply alone waits
 * about a minute, see docs/deploy-test.md), and started first it ends with the others.
 */
export function deployCases(): DeployCase[] {
  const article003 = readExample("privatelink-article-003.json");
  return [
    {
      kind: "bootstrap",
      name: "bootstrap",
      stack: "peering",
      stacks: ["state", "peering"],
      description: "state and peering at their defaults: the state bucket first, then peering with its state in it; lock contention; the bucket refuses plain HTTP; the bucket removed as documented",
      overrides: withOperator({}),
    },
    ...STACK_NAMES.filter((stack) => !BOOTSTRAPPED.includes(stack)).map((stack) =>
      stack === "endpoint-sharing" ? { ...stackCase(stack, stack, "defaults; drift: a zone association removed by hand"), drift: "zone-association" as const } : stackCase(stack, stack, "defaults"),
    ),
    // Drift off the bootstrap, the longest chain of deployments, in a case of its own.
    { ...stackCase("peering+flow-logs", "peering", "flow logs on; drift: a rule removed and one added by hand", { peering: FLOW_LOGS_ON }), drift: "peering-rules" as const },
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
    {
      kind: "plan",
      name: "endpoint-sharing+route53-profile",
      stack: "endpoint-sharing",
      stacks: ["endpoint-sharing"],
      description: "private zones shared through a Route 53 profile (planned only: the emulator serves no profiles, and the rest is endpoint-sharing's)",
      overrides: withOperator({ endpointSharing: { dns: "route53-profile" } }),
      appliedBy: "endpoint-sharing",
    },
    stackCase("alb-peering+other-account", "alb-peering", "the ALB's VPC in another account; flow logs on", {
      albPeering: { foo: { assumeRoleArn: OTHER_ACCOUNT_ROLE }, ...FLOW_LOGS_ON },
    }),
    {
      kind: "validate",
      name: "peering+address-lookup",
      stack: "peering",
      stacks: ["peering"],
      description: "the true defaults: the operator's address fetched at plan time (validate only)",
      overrides: {},
      onlyValidated: "its plan fetches the operator's address from the internet",
    },
  ];
}

/** The cases named on the command line: by case name, or every case that deploys a stack named. */
export function selectCases(cases: readonly DeployCase[], names: readonly string[]): { readonly selected: DeployCase[]; readonly unknown: string[] } {
  if (names.length === 0) return { selected: [...cases], unknown: [] };
  const matches = (c: DeployCase, name: string) => c.name === name || (c.stacks as readonly string[]).includes(name);
  const unknown = names.filter((name) => !cases.some((c) => matches(c, name)));
  const selected = cases.filter((c) => names.some((name) => matches(c, name)));
  return { selected, unknown };
}

/**
 * The cases `.ci/run` deploys on a developer's machine, where the whole run must stay
 * under 8 minutes on 2 cores: every stack at its defaults, and the drift scenarios.
 * The pull-request workflow's deploy-test job runs every case.
 */
export function isCoreCase(deployCase: DeployCase): boolean {
  if (deployCase.kind === "bootstrap") return true;
  return deployCase.kind === "stack" && (deployCase.description.startsWith("defaults") || deployCase.drift !== undefined);
}
