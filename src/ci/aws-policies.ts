import type { SynthesizedStack } from "../terraform-json/synthesized-stacks";
import { assumedRolesOf, s3BackendOf } from "../terraform-json/backend";
import type { ProjectConfig } from "../topologies/project-config";

/** The GitHub environment the deploy job runs in; its name is part of the deploy role's trust. */
export const DEPLOY_ENVIRONMENT = "deploy";
/** The environment of the scheduled drift job: only a job in it may assume the drift role. */
export const DRIFT_ENVIRONMENT = "drift";

const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";

/**
 * The IAM service behind each resource or data source type of the stacks. Ordered:
 * the first matching prefix wins. `null`: computed by Terraform or another provider,
 * no AWS call. A type that matches nothing stops the policy generation, so a new
 * resource type cannot leave the roles silently short of a right.
 */
const SERVICE_OF_TYPE_PREFIX: readonly (readonly [string, string | null])[] = [
  ["aws_iam_policy_document", null],
  ["aws_partition", null],
  ["aws_route53profiles_", "route53profiles"],
  ["aws_servicequotas_", "servicequotas"],
  ["aws_route53_", "route53"],
  ["aws_lb", "elasticloadbalancing"],
  ["aws_iam_", "iam"],
  ["aws_cloudwatch_log_", "logs"],
  ["aws_s3_", "s3"],
  ["aws_ssm_", "ssm"],
  ["aws_ram_", "ram"],
  ["aws_caller_identity", "sts"],
  ["aws_ec2_", "ec2"],
  ["aws_vpc", "ec2"],
  ["aws_default_security_group", "ec2"],
  ["aws_security_group", "ec2"],
  ["aws_subnet", "ec2"],
  ["aws_route", "ec2"],
  ["aws_instance", "ec2"],
  ["aws_flow_log", "ec2"],
  ["aws_eip", "ec2"],
  ["aws_nat_gateway", "ec2"],
  ["aws_internet_gateway", "ec2"],
  ["aws_network_interface", "ec2"],
  ["aws_launch_template", "ec2"],
];

/** The IAM service a Terraform type calls, null when it calls none; throws for a type nobody mapped. */
export function iamServiceOfType(type: string): string | null {
  if (!type.startsWith("aws_")) {
    return null;
  }
  const match = SERVICE_OF_TYPE_PREFIX.find(([prefix]) => type.startsWith(prefix));
  if (!match) {
    throw new Error(`no IAM service is known for ${type}: add its prefix to SERVICE_OF_TYPE_PREFIX in src/ci/aws-policies.ts`);
  }
  return match[1];
}

/** What reading each service's resources takes (`terraform plan` refreshes them). */
const READ_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  ec2: ["ec2:Describe*", "ec2:Get*"],
  elasticloadbalancing: ["elasticloadbalancing:Describe*"],
  route53: ["route53:Get*", "route53:List*"],
  route53profiles: ["route53profiles:Get*", "route53profiles:List*"],
  iam: ["iam:Get*", "iam:List*"],
  logs: ["logs:Describe*", "logs:ListTagsForResource", "logs:ListTagsLogGroup"],
  s3: ["s3:GetBucket*", "s3:GetEncryptionConfiguration", "s3:GetLifecycleConfiguration", "s3:ListBucket"],
  ram: ["ram:Get*", "ram:List*"],
  sts: ["sts:GetCallerIdentity"],
  // The plan-time VPC quota check; the provider asks for the default when the account never changed the quota.
  servicequotas: ["servicequotas:GetServiceQuota", "servicequotas:GetAWSDefaultServiceQuota"],
};

/**
 * Reads inside the services above that reveal secrets rather than configuration:
 * denied to both roles, since pull-request code runs with the plan role.
 */
const SECRET_READS = [
  "ec2:GetPasswordData",
  "ec2:GetConsoleOutput",
  "ec2:GetConsoleScreenshot",
  "ec2:GetLaunchTemplateData",
  "iam:GetAccountAuthorizationDetails",
  "iam:GetCredentialReport",
] as const;

/**
 * Rights some resource types need beyond their own service's actions when they are
 * created: the service-linked role AWS makes on first use in an account, or another
 * service they call. Keyed by type prefix.
 */
export const EXTRA_DEPLOY_RIGHTS: readonly { readonly typePrefix: string; readonly serviceLinkedRole?: string; readonly actions?: readonly string[] }[] = [
  { typePrefix: "aws_lb", serviceLinkedRole: "elasticloadbalancing.amazonaws.com" },
  { typePrefix: "aws_ec2_instance_connect_endpoint", serviceLinkedRole: "ec2-instance-connect.amazonaws.com" },
  { typePrefix: "aws_ec2_transit_gateway", serviceLinkedRole: "transitgateway.amazonaws.com" },
  // Reachability Analyzer runs its queries through the tiros service.
  { typePrefix: "aws_ec2_network_insights_analysis", actions: ["tiros:CreateQuery", "tiros:GetQueryAnswer", "tiros:GetQueryExplanation"] },
];

/** What creating, changing and deleting them takes, where a whole service is needed; IAM and logs are scoped by name below. */
const WRITE_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  ec2: ["ec2:*"],
  elasticloadbalancing: ["elasticloadbalancing:*"],
  route53: ["route53:*"],
  route53profiles: ["route53profiles:*"],
  ram: ["ram:*"],
};

type Statement = Record<string, unknown>;

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly Statement[];
}

type Blocks = Record<string, Record<string, Record<string, unknown>>>;

/** The stacks CI plans and deploys: those whose state is in S3. */
function ciStacks(stacks: readonly SynthesizedStack[]): SynthesizedStack[] {
  return stacks.filter((stack) => s3BackendOf(stack.json));
}

function blocksOf(stack: SynthesizedStack, kind: "resource" | "data"): Blocks {
  return ((stack.json as { resource?: Blocks; data?: Blocks })[kind] ?? {}) as Blocks;
}

/** Every resource and data source type of the CI stacks. */
export function typesOfStacks(stacks: readonly SynthesizedStack[]): string[] {
  return [...new Set(ciStacks(stacks).flatMap((stack) => [...Object.keys(blocksOf(stack, "resource")), ...Object.keys(blocksOf(stack, "data"))]))].sort();
}

/** The IAM services the stacks that CI plans and deploys (those with S3 state) call. */
export function servicesOfStacks(stacks: readonly SynthesizedStack[]): string[] {
  return [...new Set(typesOfStacks(stacks).map(iamServiceOfType).filter((service): service is string => service !== null))].sort();
}

/** A Terraform value as an IAM ARN pattern: each `${...}` reference becomes `*`. */
function arnPattern(value: string): string {
  return value.replace(/\$\{[^}]*\}/g, "*");
}

/** The SSM parameters the stacks read (the AMI's), as the ARNs IAM matches: public ones have no account. */
function parameterArns(stacks: readonly SynthesizedStack[]): string[] {
  const names = ciStacks(stacks).flatMap((stack) => Object.values(blocksOf(stack, "data")["aws_ssm_parameter"] ?? {}).map((body) => String(body["name"])));
  return [...new Set(names.flatMap((name) => [`arn:aws:ssm:*::parameter${arnPattern(name)}`, `arn:aws:ssm:*:*:parameter${arnPattern(name)}`]))].sort();
}

/** The managed policies the stacks attach to their roles. */
function attachedPolicyArns(stacks: readonly SynthesizedStack[]): string[] {
  const arns = ciStacks(stacks).flatMap((stack) => Object.values(blocksOf(stack, "resource")["aws_iam_role_policy_attachment"] ?? {}).map((body) => arnPattern(String(body["policy_arn"]))));
  for (const arn of arns) {
    // A policy known only at apply time would make the pattern match every policy.
    if (!/:policy\/[\w+=,.@-]+$/.test(arn)) {
      throw new Error(`cannot limit iam:AttachRolePolicy to "${arn}": attach policies by a literal ARN (or name them in src/ci/aws-policies.ts)`);
    }
  }
  return [...new Set(arns)].sort();
}

/** Roles in other accounts the stacks' providers assume (`assumeRoleArn` settings). */
export function assumedRoles(stacks: readonly SynthesizedStack[]): string[] {
  return [...new Set(ciStacks(stacks).flatMap((stack) => assumedRolesOf(stack.json)))].sort();
}

function stateStatements(config: ProjectConfig, write: boolean): Statement[] {
  const bucket = config.state.bucket;
  if (!bucket) {
    throw new Error("state.bucket is not set: the roles' state permissions name the bucket (src/topologies/state/README.md)");
  }
  const prefix = config.state.keyPrefix ?? `${config.project}/`;
  return [
    // Listing is not narrowed by prefix: `terraform init` also lists the workspace prefix (`env:/`).
    { Sid: "ListStateBucket", Effect: "Allow", Action: "s3:ListBucket", Resource: `arn:aws:s3:::${bucket}` },
    {
      Sid: write ? "ReadWriteStateAndLock" : "ReadState",
      Effect: "Allow",
      // Writing the state also means creating and removing the `.tflock` object of native locking.
      Action: write ? ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"] : ["s3:GetObject"],
      Resource: `arn:aws:s3:::${bucket}/${prefix}*`,
    },
  ];
}

function assumeStatements(roles: readonly string[]): Statement[] {
  return roles.length === 0 ? [] : [{ Sid: "OtherAccounts", Effect: "Allow", Action: "sts:AssumeRole", Resource: [...roles] }];
}

function readStatements(stacks: readonly SynthesizedStack[]): Statement[] {
  const services = servicesOfStacks(stacks);
  const parameters = parameterArns(stacks);
  return [
    { Sid: "ReadManagedResources", Effect: "Allow", Action: services.flatMap((service) => READ_ACTIONS[service] ?? []), Resource: "*" },
    ...(parameters.length > 0 ? [{ Sid: "ReadAmiParameters", Effect: "Allow", Action: ["ssm:GetParameter", "ssm:GetParameters"], Resource: parameters }] : []),
    { Sid: "NoSecretReads", Effect: "Deny", Action: [...SECRET_READS], Resource: "*" },
  ];
}

/**
 * The plan role's permissions: read the state, and read (never change) what the stacks
 * manage, service by service as the stacks use them, SSM only for the parameters they
 * read, and no read that reveals a secret. Plans of same-repository pull requests run
 * their code, so this role must not be able to change anything, and it assumes no
 * other account's role (those are deploy roles; see `stacksUsingOtherAccounts`).
 */
export function planRolePolicy(config: ProjectConfig, stacks: readonly SynthesizedStack[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: [...stateStatements(config, false), ...readStatements(stacks)] };
}

/**
 * The drift role's permissions: the plan role's reads, no more. A refresh-only plan
 * without a lock reads the state and each resource and writes nothing, and the role
 * assumes no other account's role (those can write).
 */
export function driftRolePolicy(config: ProjectConfig, stacks: readonly SynthesizedStack[]): PolicyDocument {
  return planRolePolicy(config, stacks);
}

/**
 * The deploy role's permissions: write the state and its lock, manage the services the
 * stacks use, and IAM and CloudWatch Logs only for names that start with the project
 * name (every role, instance profile and log group the stacks create does).
 */
export function deployRolePolicy(config: ProjectConfig, stacks: readonly SynthesizedStack[]): PolicyDocument {
  const services = servicesOfStacks(stacks);
  const types = typesOfStacks(stacks);
  const project = config.project;
  const statements: Statement[] = [
    ...stateStatements(config, true),
    ...readStatements(stacks),
    { Sid: "ManageNetworkResources", Effect: "Allow", Action: services.flatMap((service) => WRITE_ACTIONS[service] ?? []), Resource: "*" },
  ];
  if (services.includes("iam")) {
    const attached = attachedPolicyArns(stacks);
    statements.push(
      {
        Sid: "ManageProjectRoles",
        Effect: "Allow",
        // Detaching is here, unconditioned: removing any policy a role once had must keep working.
        Action: ["iam:CreateRole", "iam:DeleteRole", "iam:TagRole", "iam:UntagRole", "iam:UpdateAssumeRolePolicy", "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:DetachRolePolicy"],
        Resource: `arn:aws:iam::*:role/${project}-*`,
      },
      ...(attached.length > 0
        ? [
            {
              Sid: "AttachOnlyTheStacksManagedPolicies",
              Effect: "Allow",
              Action: "iam:AttachRolePolicy",
              Resource: `arn:aws:iam::*:role/${project}-*`,
              Condition: { ArnLike: { "iam:PolicyARN": attached } },
            },
          ]
        : []),
      {
        Sid: "ManageProjectInstanceProfiles",
        Effect: "Allow",
        Action: ["iam:CreateInstanceProfile", "iam:DeleteInstanceProfile", "iam:TagInstanceProfile", "iam:UntagInstanceProfile", "iam:AddRoleToInstanceProfile", "iam:RemoveRoleFromInstanceProfile"],
        Resource: `arn:aws:iam::*:instance-profile/${project}-*`,
      },
      {
        Sid: "PassProjectRolesToServices",
        Effect: "Allow",
        Action: "iam:PassRole",
        Resource: `arn:aws:iam::*:role/${project}-*`,
        Condition: { StringEquals: { "iam:PassedToService": ["ec2.amazonaws.com", "vpc-flow-logs.amazonaws.com"] } },
      },
    );
  }
  const extras = EXTRA_DEPLOY_RIGHTS.filter((extra) => types.some((type) => type.startsWith(extra.typePrefix)));
  const linkedServices = extras.flatMap((extra) => (extra.serviceLinkedRole ? [extra.serviceLinkedRole] : []));
  if (linkedServices.length > 0) {
    // The first use of these in an account creates the service-linked role they work through.
    statements.push({ Sid: "CreateServiceLinkedRoles", Effect: "Allow", Action: "iam:CreateServiceLinkedRole", Resource: "*", Condition: { StringEquals: { "iam:AWSServiceName": linkedServices } } });
  }
  const otherActions = extras.flatMap((extra) => extra.actions ?? []);
  if (otherActions.length > 0) {
    statements.push({ Sid: "CallOtherServices", Effect: "Allow", Action: otherActions, Resource: "*" });
  }
  if (services.includes("logs")) {
    statements.push({ Sid: "ManageProjectLogGroups", Effect: "Allow", Action: "logs:*", Resource: `arn:aws:logs:*:*:log-group:/${project}/*` });
  }
  statements.push({
    Sid: "NeverTheWorkflowRoles",
    Effect: "Deny",
    Action: "iam:*",
    Resource: `arn:aws:iam::*:role/${GITHUB_ROLE_PREFIX}*`,
  });
  return { Version: "2012-10-17", Statement: [...statements, ...assumeStatements(assumedRoles(stacks))] };
}

/**
 * Name prefix of the workflows' own roles: outside the project's prefix, so the deploy
 * role's rights over `<project>-*` roles never reach them, and denied outright as well.
 */
export const GITHUB_ROLE_PREFIX = "github-actions-";

/** The workflows' roles' names for a project. */
export function workflowRoleNames(project: string): { readonly plan: string; readonly deploy: string; readonly drift: string } {
  return { plan: `${GITHUB_ROLE_PREFIX}${project}-plan`, deploy: `${GITHUB_ROLE_PREFIX}${project}-deploy`, drift: `${GITHUB_ROLE_PREFIX}${project}-drift` };
}

/**
 * Stacks whose providers assume roles in other accounts. The plan role assumes none:
 * those roles can write, and pull-request code runs with the plan role. Such stacks are
 * planned from a workstation, or in CI once read-only roles exist in those accounts.
 */
export function stacksUsingOtherAccounts(stacks: readonly SynthesizedStack[]): string[] {
  return ciStacks(stacks)
    .filter((stack) => assumedRolesOf(stack.json).length > 0)
    .map((stack) => stack.name);
}

/** `owner/name`, and optionally the numeric `ownerId/repoId` of GitHub's immutable subject format. */
export interface RepositoryIdentity {
  readonly repository: string;
  readonly ids?: string;
}

/**
 * The OIDC subject GitHub puts in a job's token: the classic `repo:owner/name:...`
 * or, for repositories created after 15 July 2026 (or opted in), the immutable
 * `repo:owner@ownerId/name@repoId:...`.
 */
export function oidcSubject(identity: RepositoryIdentity, context: string): string {
  if (!/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/.test(identity.repository)) {
    throw new Error(`repository "${identity.repository}" must be owner/name`);
  }
  if (identity.ids === undefined) {
    return `repo:${identity.repository}:${context}`;
  }
  const ids = /^(\d+)\/(\d+)$/.exec(identity.ids);
  if (!ids) {
    throw new Error(`repository ids "${identity.ids}" must be ownerId/repoId, both numbers (gh api repos/${identity.repository} --jq '"\\(.owner.id)/\\(.id)"')`);
  }
  const [owner, name] = identity.repository.split("/");
  return `repo:${owner}@${ids[1]}/${name}@${ids[2]}:${context}`;
}

/** Subjects of the jobs that assume roles: the plan job of a pull request, and the deploy and drift jobs in their environments. */
export function workflowSubjects(identity: RepositoryIdentity): { readonly plan: string; readonly deploy: string; readonly drift: string } {
  return {
    plan: oidcSubject(identity, "pull_request"),
    deploy: oidcSubject(identity, `environment:${DEPLOY_ENVIRONMENT}`),
    drift: oidcSubject(identity, `environment:${DRIFT_ENVIRONMENT}`),
  };
}

/**
 * A role trust policy for GitHub's OIDC provider in `account`, for one subject exactly.
 * `sts:TagSession` is allowed because configure-aws-credentials may tag the session.
 */
export function githubTrustPolicy(account: string, subject: string): PolicyDocument {
  if (!/^\d{12}$/.test(account)) {
    throw new Error(`account "${account}" must be a 12-digit AWS account id`);
  }
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: `arn:aws:iam::${account}:oidc-provider/${GITHUB_OIDC_HOST}` },
        Action: ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"],
        Condition: { StringEquals: { [`${GITHUB_OIDC_HOST}:aud`]: "sts.amazonaws.com", [`${GITHUB_OIDC_HOST}:sub`]: subject } },
      },
    ],
  };
}
