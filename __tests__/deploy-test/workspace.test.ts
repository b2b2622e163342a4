import { describe, expect, it } from "vitest";
import type { UnservedResource, WrongReadBack } from "../../src/deploy-test/deviations";
import { emulatorOverride, withoutUnserved } from "../../src/deploy-test/workspace";
import { synthStack } from "../support/synth";

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
  const target = { endpoint: "http://127.0.0.1:5000" };

  it("gives every AWS provider, aliased ones too, the emulator's endpoints and credentials and few retries", () => {
    const { json } = synthStack("alb-peering", { albPeering: { foo: { assumeRoleArn: "arn:aws:iam::111122223333:role/privnet-deploy" } } });
    const override = emulatorOverride(json, target, { backend: "local" }, readBacks);
    const aliases = (json.provider!["aws"] as { alias?: string }[]).map((p) => p.alias);
    expect(aliases.length).toBeGreaterThan(1);
    expect(override.provider.aws.map((p: { alias?: string }) => p.alias)).toEqual(aliases);
    for (const provider of override.provider.aws) {
      expect(provider).toMatchObject({ access_key: "test", secret_key: "test", max_retries: 2, skip_metadata_api_check: true });
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
