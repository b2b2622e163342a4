import { describe, expect, it } from "vitest";
import { deletedInRefresh, firstJsonError, stillPresent } from "../../src/deploy-test/leftovers";

const state = (resources: unknown[]) => JSON.stringify({ version: 4, resources });

describe("what a destroy left in the emulator", () => {
  it("is every managed resource instance the refreshed state still holds, in modules and with keys too, and no data source", () => {
    const held = state([
      { mode: "data", type: "aws_ssm_parameter", name: "ami", instances: [{ attributes: {} }] },
      { mode: "managed", type: "aws_vpc", name: "vpc1_vpc_90663111", instances: [{ attributes: {} }] },
      { module: "module.m", mode: "managed", type: "aws_subnet", name: "s", instances: [{ index_key: 0, attributes: {} }, { index_key: 1, attributes: {} }] },
      { mode: "managed", type: "aws_route", name: "r", instances: [{ index_key: "a-b", attributes: {} }] },
    ]);
    expect(stillPresent(held)).toEqual(["aws_vpc.vpc1_vpc_90663111", "module.m.aws_subnet.s[0]", "module.m.aws_subnet.s[1]", 'aws_route.r["a-b"]']);
  });

  it("is nothing when the refresh dropped every resource", () => {
    expect(stillPresent(state([{ mode: "data", type: "aws_ssm_parameter", name: "ami", instances: [{ attributes: {} }] }]))).toEqual([]);
    expect(stillPresent(state([{ mode: "managed", type: "aws_vpc", name: "gone", instances: [] }]))).toEqual([]);
    expect(stillPresent(JSON.stringify({ version: 4 }))).toEqual([]);
  });
});

describe("a refresh-only plan's machine-readable output", () => {
  const line = (message: object) => JSON.stringify({ "@level": "info", "@module": "terraform.ui", ...message });
  const drift = (addr: string, action: string) => line({ "@message": `${addr}: Drift detected (${action})`, type: "resource_drift", change: { resource: { addr, module: "" }, action } });

  it("names the resources the provider found gone, and only those", () => {
    const output = [
      line({ "@message": "Terraform 1.11.4", type: "version" }),
      line({ "@message": "aws_vpc.a: Refreshing state... [id=vpc-1]", type: "refresh_start", hook: { resource: { addr: "aws_vpc.a" } } }),
      drift("aws_vpc.a", "delete"),
      drift("aws_subnet.b", "update"),
      drift('aws_route.r["a-b"]', "delete"),
      "not json",
      line({ "@message": "Plan: 0 to add, 0 to change, 0 to destroy.", type: "change_summary" }),
    ].join("\n");
    expect(deletedInRefresh(output)).toEqual(["aws_vpc.a", 'aws_route.r["a-b"]']);
    expect(deletedInRefresh("")).toEqual([]);
  });

  it("gives its first error on one line", () => {
    const error = JSON.stringify({ "@level": "error", "@message": "Error: Invalid provider configuration", diagnostic: { severity: "error", summary: "Invalid provider configuration", detail: "no\nendpoint" } });
    expect(firstJsonError([line({ type: "version" }), error].join("\n"))).toBe("Invalid provider configuration: no endpoint");
    expect(firstJsonError(line({ type: "version" }))).toBeUndefined();
  });
});
