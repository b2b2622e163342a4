import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { TerraformOutput, Testing, TerraformStack } from "cdktf";
import { describe, expect, it } from "vitest";
import { regionalDnsEntry } from "../../src/constructs/regional-dns-entry";

describe("the regional DNS entry of an interface endpoint", () => {
  const stack = new TerraformStack(Testing.app(), "dns");
  const endpoint = new VpcEndpoint(stack, "endpoint", { vpcId: "vpc-1", serviceName: "com.amazonaws.ap-northeast-1.ssm", vpcEndpointType: "Interface" });
  new TerraformOutput(stack, "name", { value: regionalDnsEntry(endpoint).dnsName });
  const expression = (JSON.parse(Testing.synth(stack)) as { output: { name: { value: string } } }).output.name.value;
  // The pattern as Terraform reads it: the HCL string literal, unescaped once.
  const pattern = new RegExp(JSON.parse(/regexall\(("(?:[^"\\]|\\.)*")/.exec(expression)![1]!));

  it("is picked by its form from the entries, whatever their order", () => {
    expect(expression).toMatch(/^\$\{\[for entry in aws_vpc_endpoint\.endpoint\.dns_entry : entry if .*\]\[0\]\.dns_name\}$/);
    const entries = [
      "vpce-0a1b2c3d4e5f60718-ab12cd34-ap-northeast-1a.ssm.ap-northeast-1.vpce.amazonaws.com",
      "ssm.ap-northeast-1.amazonaws.com",
      "vpce-0a1b2c3d4e5f60718-ab12cd34.ssm.ap-northeast-1.vpce.amazonaws.com",
      "vpce-0a1b2c3d4e5f60718-ab12cd34-ap-northeast-1c.ssm.ap-northeast-1.vpce.amazonaws.com",
    ];
    expect(entries.filter((name) => pattern.test(name))).toEqual(["vpce-0a1b2c3d4e5f60718-ab12cd34.ssm.ap-northeast-1.vpce.amazonaws.com"]);
  });

  it("keeps S3's wildcard entries, whose regional one is *.vpce-<id>-<suffix>", () => {
    const entries = ["*.vpce-0a1b2c3d4e5f60718-ab12cd34-ap-northeast-1a.s3.ap-northeast-1.vpce.amazonaws.com", "*.vpce-0a1b2c3d4e5f60718-ab12cd34.s3.ap-northeast-1.vpce.amazonaws.com"];
    expect(entries.filter((name) => pattern.test(name))).toEqual(["*.vpce-0a1b2c3d4e5f60718-ab12cd34.s3.ap-northeast-1.vpce.amazonaws.com"]);
  });

  it("matches what the emulator names them too (vpce-<id>-<suffix>.<service name>)", () => {
    expect(pattern.test("vpce-8f34c0a1b2d3e4f56-k2j4l6m8.com.amazonaws.ap-northeast-1.ssm")).toBe(true);
  });
});
