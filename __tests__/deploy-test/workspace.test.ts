import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { NEWER_ARGUMENTS, type NewerArgument, type UnservedResource, type WrongReadBack } from "../../src/deploy-test/deviations";
import { emulatorOverride, prepareWorkspace, withoutNewerArguments, withoutUnserved } from "../../src/deploy-test/workspace";
import { synthStack, tempDir } from "../support/synth";

const unserved = (resourceType: string): [string, UnservedResource] => [resourceType, { kind: "unserved", resourceType, api: "x:Create", reason: "not implemented" }];

describe("the stack as applied to the emulator", () => {
  const stack = {
    resource: {
      aws_unserved_thing: { thing: { name: "t" } },
      aws_vpc: { vpc: { cidr_block: "10.0.0.0/16" } },
      aws_user_of_thing: { user: { thing_id: "${aws_unserved_thing.thing.id}" } },
      aws_user_of_user: { second: { depends_on: ["aws_user_of_thing.user"] } },
      aws_subnet: { subnet: { vpc_id: "${aws_vpc.vpc.id}" } },
    },
    data: { aws_unserved_thing: { looked_up: { name: "t" } } },
    output: { "thing-id": { value: "${aws_user_of_user.second.id}" }, "vpc-id": { value: "${aws_vpc.vpc.id}" } },
  };

  it("leaves out what the emulator cannot serve, everything that refers to it however indirectly, and says why for each", () => {
    const { stack: applied, leftOut } = withoutUnserved(stack, new Map([unserved("aws_unserved_thing")]));
    expect(Object.keys(applied.resource)).toEqual(["aws_vpc", "aws_subnet"]);
    expect(Object.keys(applied.output)).toEqual(["vpc-id"]);
    expect(leftOut).toEqual([
      { address: "aws_unserved_thing.thing", because: "x:Create: not implemented" },
      { address: "aws_user_of_thing.user", because: "refers to aws_unserved_thing.thing" },
      { address: "aws_user_of_user.second", because: "refers to aws_user_of_thing.user" },
      { address: "output.thing-id", because: "refers to aws_user_of_user.second" },
    ]);
    // A data source of the same type is a read, which the plan already made; it stays.
    expect(applied.data).toEqual(stack.data);
    // The synthesized stack is left as it was.
    expect(Object.keys(stack.resource)).toHaveLength(5);
  });

  it("is the synthesized stack itself when everything is served", () => {
    const result = withoutUnserved(stack, new Map());
    expect(result.stack).toBe(stack);
    expect(result.leftOut).toEqual([]);
  });
});

describe("the emulator override", () => {
  const readBacks = new Map<string, WrongReadBack>([["aws_instance", { kind: "read-back", resourceType: "aws_instance", attributes: ["associate_public_ip_address"], reason: "r" }]]);
  const target = { endpoint: "https://127.0.0.1:5000", caBundle: "/run/moto-0.tls/ca.pem" };

  it("gives every AWS provider, aliased ones too, the emulator's endpoints, credentials and certificate authority, and few retries", () => {
    const { json } = synthStack("alb-peering", { albPeering: { foo: { assumeRoleArn: "arn:aws:iam::111122223333:role/privnet-deploy" } } });
    const override = emulatorOverride(json, target, { backend: "local" }, readBacks);
    const aliases = (json.provider!["aws"] as { alias?: string }[]).map((p) => p.alias);
    expect(aliases.length).toBeGreaterThan(1);
    expect(override.provider.aws.map((p: { alias?: string }) => p.alias)).toEqual(aliases);
    for (const provider of override.provider.aws) {
      expect(provider).toMatchObject({ access_key: "test", secret_key: "test", max_retries: 2, skip_metadata_api_check: true, custom_ca_bundle: target.caBundle });
      for (const service of ["ec2", "elbv2", "iam", "route53", "s3", "sts"]) expect(provider.endpoints[0][service]).toBe(target.endpoint);
    }
    expect(override.terraform.backend).toEqual({ local: { path: "terraform.tfstate" } });
    expect(override.terraform.required_providers).toBeUndefined();
  });

  it("keeps the synthesized backend when asked, and requires another provider release only when told one", () => {
    const { json } = synthStack("peering");
    const override = emulatorOverride(json, { ...target, awsProviderVersion: "5.100.0" }, { backend: "synthesized" }, readBacks);
    expect(override.terraform.backend).toBeUndefined();
    expect(override.terraform.required_providers).toEqual({ aws: { source: "hashicorp/aws", version: "5.100.0" } });
  });

  it("ignores the documented read-backs on top of the stack's own ignore_changes", () => {
    const { json } = synthStack("peering");
    const override = emulatorOverride(json, target, { backend: "local" }, readBacks);
    const instances = Object.keys(json.resource!["aws_instance"]!);
    expect(instances.length).toBe(2);
    for (const name of instances) {
      expect(json.resource!["aws_instance"]![name].lifecycle.ignore_changes).toEqual(["ami"]);
      expect(override.resource.aws_instance[name].lifecycle).toEqual({ ignore_changes: ["ami", "associate_public_ip_address"] });
    }
    expect(Object.keys(override.resource)).toEqual(["aws_instance"]);
  });

  it("lifts prevent_destroy only for a run that destroys", () => {
    const { json } = synthStack("state");
    const [bucket] = Object.keys(json.resource!["aws_s3_bucket"]!);
    expect(json.resource!["aws_s3_bucket"]![bucket!].lifecycle.prevent_destroy).toBe(true);
    expect(emulatorOverride(json, target, { backend: "local", allowDestroy: true }, new Map()).resource.aws_s3_bucket[bucket!].lifecycle).toEqual({ prevent_destroy: false });
    expect(emulatorOverride(json, target, { backend: "local" }, new Map()).resource).toBeUndefined();
  });
});

describe("arguments newer than the run's AWS provider", () => {
  const newer: NewerArgument = { kind: "newer-argument", resourceType: "aws_thing", attribute: "rule.inner.flag", since: "6.22.0", reason: "r" };
  const stack = {
    terraform: { required_providers: { aws: { source: "aws", version: "6.25.0" } } },
    resource: {
      aws_thing: {
        listed: { rule: [{ inner: [{ flag: true, kept: 1 }] }, { inner: { kept: 2 } }] },
        unset: { rule: [{ other: 1 }] },
      },
      aws_other: { o: { rule: [{ inner: [{ flag: true }] }] } },
    },
  };

  it("are left out, through nested blocks, only where the release predates them, and each is named with its reason", () => {
    const { stack: kept, dropped } = withoutNewerArguments(stack, "5.100.0", [newer]);
    expect(kept.resource.aws_thing.listed).toEqual({ rule: [{ inner: [{ kept: 1 }] }, { inner: { kept: 2 } }] });
    expect(kept.resource.aws_other).toEqual(stack.resource.aws_other);
    expect(dropped).toEqual([{ address: "aws_thing.listed", attribute: "rule.inner.flag", because: "AWS provider 6.22.0 and later, this run has 5.100.0: r" }]);
    // The synthesized stack is left as it was.
    expect(stack.resource.aws_thing.listed.rule[0]!.inner).toEqual([{ flag: true, kept: 1 }]);
  });

  it("are kept from the release that took them up on, and where the release is not an exact one", () => {
    for (const release of ["6.22.0", "6.28.0", "10.0.0", "~> 6.0", ""]) {
      const result = withoutNewerArguments(stack, release, [newer]);
      expect(result.stack, release).toBe(stack);
      expect(result.dropped, release).toEqual([]);
    }
  });

  it("go from the state bucket's encryption rule in the folder Terraform runs in when the run's provider predates them, and stay with the pin", () => {
    expect(NEWER_ARGUMENTS.map((a) => `${a.resourceType} ${a.attribute} ${a.since}`)).toContain("aws_s3_bucket_server_side_encryption_configuration rule.blocked_encryption_types 6.22.0");
    const { json } = synthStack("state");
    const rules = (folder: string) => {
      const written = JSON.parse(readFileSync(join(folder, "cdk.tf.json"), "utf8"));
      return Object.values(written.resource.aws_s3_bucket_server_side_encryption_configuration as Record<string, { rule: Record<string, unknown>[] }>).flatMap((r) => r.rule);
    };
    const prepare = (awsProviderVersion?: string) => {
      const folder = tempDir();
      writeFileSync(join(folder, "cdk.tf.json"), JSON.stringify(json));
      const workspace = prepareWorkspace("state", folder, () => ({ endpoint: "https://127.0.0.1:1", caBundle: "/ca.pem", ...(awsProviderVersion ? { awsProviderVersion } : {}) }), { backend: "local" });
      return { folder, workspace };
    };

    const older = prepare("5.100.0");
    expect(older.workspace.droppedArguments).toEqual([
      { address: expect.stringMatching(/^aws_s3_bucket_server_side_encryption_configuration\./), attribute: "rule.blocked_encryption_types", because: expect.stringContaining("this run has 5.100.0") },
    ]);
    expect(rules(older.folder)).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }]);

    for (const release of ["6.22.0", undefined]) {
      const current = prepare(release);
      expect(current.workspace.droppedArguments, String(release)).toEqual([]);
      expect(rules(current.folder), String(release)).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" }, blocked_encryption_types: ["SSE-C"] }]);
    }
  });
});
