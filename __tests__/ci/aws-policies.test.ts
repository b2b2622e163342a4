import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { synthesizeStacks } from "../../src/app";
import {
  assumedRoles,
  deployRolePolicy,
  githubTrustPolicy,
  iamServiceOfType,
  oidcSubject,
  planRolePolicy,
  servicesOfStacks,
  workflowSubjects,
} from "../../src/ci/aws-policies";
import { runAwsPolicies } from "../../src/ci/run-aws-policies";
import { s3BackendOf } from "../../src/ci/stack-changes";
import { capture } from "../support/commands";
import { EVERYTHING_ON } from "../support/everything-on";
import { configWith, tempDir } from "../support/synth";

const BUCKET = { state: { bucket: "privnet-tfstate-test" } };
const config = configWith({ ...EVERYTHING_ON, ...BUCKET });
const stacks = synthesizeStacks(config);
const ciStacks = stacks.filter((stack) => s3BackendOf(stack.json));

function actionsOf(policy: { Statement: readonly Record<string, unknown>[] }): string[] {
  return policy.Statement.flatMap((statement) => [statement["Action"]].flat() as string[]);
}

describe("IAM policies for the workflows' roles, made from the app", () => {
  it("knows the IAM service of every type any stack uses, with every option on", () => {
    const types = ciStacks.flatMap((stack) => {
      const json = stack.json as { resource?: object; data?: object };
      return [...Object.keys(json.resource ?? {}), ...Object.keys(json.data ?? {})];
    });
    expect(types.length).toBeGreaterThan(30);
    expect(() => types.forEach(iamServiceOfType)).not.toThrow();
    expect(servicesOfStacks(stacks)).toEqual(["ec2", "elasticloadbalancing", "iam", "logs", "ram", "route53", "route53profiles", "ssm", "sts"]);
    expect(() => iamServiceOfType("aws_sqs_queue")).toThrow("no IAM service is known for aws_sqs_queue: add its prefix to SERVICE_OF_TYPE_PREFIX in src/ci/aws-policies.ts");
  });

  it("gives the plan role reads only: no action that creates, changes or deletes", () => {
    const actions = actionsOf(planRolePolicy(config, stacks));
    const writes = actions.filter((action) => !/^[a-z0-9-]+:(Describe|Get|List)[A-Za-z*]*$/.test(action) && action !== "sts:AssumeRole");
    expect(writes).toEqual([]);
    expect(actions).toContain("s3:GetObject");
    expect(actions).not.toContain("s3:PutObject");
  });

  it("scopes the state permissions to the bucket and the project's key prefix, with the lock object writable for deploys", () => {
    const deploy = deployRolePolicy(config, stacks);
    const state = deploy.Statement.find((statement) => statement["Sid"] === "ReadWriteStateAndLock")!;
    expect(state).toEqual({ Sid: "ReadWriteStateAndLock", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: "arn:aws:s3:::privnet-tfstate-test/privnet/*" });
  });

  it("lets the deploy role touch IAM roles, instance profiles and log groups only under the project's name, which every one the stacks create carries", () => {
    const deploy = deployRolePolicy(config, stacks);
    const iam = deploy.Statement.filter((statement) => actionsOf({ Statement: [statement] }).some((action) => action.startsWith("iam:") && !/^iam:(Get|List)/.test(action)));
    expect(iam.map((statement) => statement["Resource"])).toEqual([
      "arn:aws:iam::*:role/privnet-*",
      "arn:aws:iam::*:instance-profile/privnet-*",
      "arn:aws:iam::*:role/privnet-*",
      "*",
    ]);
    expect(iam.at(-1)!["Condition"]).toEqual({ StringEquals: { "iam:AWSServiceName": "elasticloadbalancing.amazonaws.com" } });
    const names = ciStacks.flatMap((stack) => {
      const resource = (stack.json as { resource?: Record<string, Record<string, { name?: string; name_prefix?: string }>> }).resource ?? {};
      return ["aws_iam_role", "aws_iam_instance_profile", "aws_cloudwatch_log_group"].flatMap((type) => Object.values(resource[type] ?? {}).map((body) => body.name ?? body.name_prefix ?? ""));
    });
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) {
      expect(name).toMatch(/^(privnet-|\/privnet\/)/);
    }
  });

  it("lets both roles assume the other accounts' roles the configuration names", () => {
    expect(assumedRoles(stacks)).toEqual(["arn:aws:iam::111122223333:role/privnet-deploy", "arn:aws:iam::444455556666:role/privnet-deploy"]);
    expect(planRolePolicy(config, stacks).Statement.at(-1)).toEqual({ Sid: "OtherAccounts", Effect: "Allow", Action: "sts:AssumeRole", Resource: assumedRoles(stacks) });
    expect(planRolePolicy(configWith(BUCKET), synthesizeStacks(configWith(BUCKET))).Statement.some((statement) => statement["Sid"] === "OtherAccounts")).toBe(false);
  });

  it("trusts GitHub's OIDC provider for exactly one repository and job each", () => {
    const subjects = workflowSubjects({ repository: "octo/net" });
    expect(subjects).toEqual({ plan: "repo:octo/net:pull_request", deploy: "repo:octo/net:environment:deploy" });
    expect(githubTrustPolicy("123456789012", subjects.deploy).Statement[0]).toEqual({
      Effect: "Allow",
      Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" },
      Action: ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"],
      Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:octo/net:environment:deploy" } },
    });
    expect(oidcSubject({ repository: "octo/net", ids: "42/4242" }, "pull_request")).toBe("repo:octo@42/net@4242:pull_request");
    expect(() => oidcSubject({ repository: "octo", ids: undefined }, "pull_request")).toThrow('repository "octo" must be owner/name');
    expect(() => githubTrustPolicy("1234", "x")).toThrow('account "1234" must be a 12-digit AWS account id');
  });
});

describe("npm run ci:aws-policies", () => {
  it("writes the four documents for the configured bucket and prints the commands that create the roles", () => {
    const dir = tempDir();
    const stdout = capture();
    const code = runAwsPolicies({ args: ["octo/net", "123456789012"], outdir: dir, env: {}, cwd: dir, stdout: stdout.stream, stderr: capture().stream });
    // The article defaults have no state bucket: the documents cannot name it.
    expect(code).toBe(2);
    const configFile = join(dir, "privnet.json");
    writeFileSync(configFile, JSON.stringify(BUCKET));
    const again = runAwsPolicies({ args: ["octo/net", "123456789012"], outdir: dir, env: { PRIVNET_CONFIG: configFile }, stdout: stdout.stream, stderr: capture().stream });
    expect(again).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "plan-trust.json"), "utf8")).Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:sub"]).toBe("repo:octo/net:pull_request");
    expect(JSON.parse(readFileSync(join(dir, "deploy-permissions.json"), "utf8")).Statement[1].Resource).toBe("arn:aws:s3:::privnet-tfstate-test/privnet/*");
    expect(stdout.text()).toContain("aws iam create-role --role-name privnet-github-deploy --assume-role-policy-document file://");
    expect(stdout.text()).toContain("PRIVNET_PLAN_ROLE_ARN=arn:aws:iam::123456789012:role/privnet-github-plan");
  });

  it("prints its usage without the repository and account", () => {
    const stderr = capture();
    expect(runAwsPolicies({ args: ["octo/net"], env: {}, stdout: capture().stream, stderr: stderr.stream })).toBe(2);
    expect(stderr.text()).toMatch(/^usage: npm run ci:aws-policies -- <owner\/repo> <aws-account-id>/);
  });
});
