import { describe, expect, it } from "vitest";
import { driftOfPlan, pullState } from "../../src/operations/deployed-state";
import type { TerraformRunner } from "../../src/plan/terraform-cli";

const answering = (stdout: string, status = 0): TerraformRunner => () => ({ status, stdout, stderr: status === 0 ? "" : "Error: boom" });

describe("what a refresh-only plan says drifted", () => {
  const plan = {
    prior_state: {
      values: {
        root_module: {
          resources: [
            { address: "aws_instance.web", mode: "managed", type: "aws_instance", name: "web", values: { instance_type: "t3.large" } },
            { address: "data.aws_ami.al2023", mode: "data", type: "aws_ami", name: "al2023", values: {} },
          ],
          child_modules: [{ resources: [{ address: "module.extra.aws_vpc.this" }] }],
        },
      },
    },
    resource_drift: [
      {
        address: "aws_instance.web",
        mode: "managed",
        type: "aws_instance",
        name: "web",
        change: { actions: ["update"], before: { instance_type: "t2.micro", user_data: "a" }, after: { instance_type: "t3.large", user_data: "b" }, before_sensitive: { user_data: true }, after_sensitive: { tags: {} } },
      },
      { address: "aws_route.gone", mode: "managed", type: "aws_route", name: "gone", change: { actions: ["delete"], before: { destination_cidr_block: "10.0.0.0/16" }, after: null } },
      { address: "data.aws_ami.al2023", mode: "data", type: "aws_ami", name: "al2023", change: { actions: ["update"], before: {}, after: {} } },
      { address: "module.extra.aws_vpc.this", module_address: "module.extra", mode: "managed", type: "aws_vpc", name: "this", change: { actions: ["update"], before: {}, after: {} } },
    ],
  };

  it("lists each managed resource of the root module that changed or went, with the attributes the provider marks sensitive", () => {
    const { refreshed, drift } = driftOfPlan(plan, "the plan");
    expect(refreshed.resources.map((resource) => resource.address)).toEqual(["aws_instance.web"]);
    expect(refreshed.inModules).toEqual(["module.extra.aws_vpc.this"]);
    expect(drift).toEqual([
      { address: "aws_instance.web", type: "aws_instance", name: "web", action: "update", before: { instance_type: "t2.micro", user_data: "a" }, after: { instance_type: "t3.large", user_data: "b" }, sensitive: ["user_data"] },
      { address: "aws_route.gone", type: "aws_route", name: "gone", action: "delete", before: { destination_cidr_block: "10.0.0.0/16" }, sensitive: [] },
    ]);
  });

  it("refuses what is not a plan, naming where it came from", () => {
    expect(() => driftOfPlan([], "the refresh-only plan")).toThrow("the refresh-only plan is not a Terraform plan in JSON (expected an object)");
    expect(() => driftOfPlan({ prior_state: { values: { root_module: [] } } }, "the refresh-only plan")).toThrow("the refresh-only plan: root_module is not an object");
  });
});

describe("the state the last apply recorded", () => {
  it("is none for an empty answer or a state without resources: never deployed, or destroyed", () => {
    expect(pullState("/tmp", answering(""))).toEqual({ ok: true });
    expect(pullState("/tmp", answering(JSON.stringify({ version: 4, resources: [] })))).toEqual({ ok: true });
  });

  it("fails as a step, in one line, on what is not a state", () => {
    expect(pullState("/tmp", answering("<html>"))).toMatchObject({ ok: false, step: "terraform state pull", output: expect.stringMatching(/^not JSON: /) });
    expect(pullState("/tmp", answering(JSON.stringify({ version: 3 })))).toMatchObject({ ok: false, output: "the pulled state is not a Terraform state of format version 4 (expected an object with \"version\": 4 and a list of resources)" });
    expect(pullState("/tmp", answering("", 1))).toMatchObject({ ok: false, step: "terraform state pull", output: "Error: boom" });
  });
});
