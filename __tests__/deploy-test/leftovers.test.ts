import { describe, expect, it } from "vitest";
import { stillPresent } from "../../src/deploy-test/leftovers";

describe("what a destroy left in the emulator", () => {
  it("is every managed resource the refreshed state still lists, in modules too, and no data source", () => {
    const list = ["data.aws_ssm_parameter.ami", "aws_vpc.vpc1_vpc_90663111", "module.m.aws_subnet.s", "module.m.data.aws_region.here", ""].join("\n");
    expect(stillPresent(list)).toEqual(["aws_vpc.vpc1_vpc_90663111", "module.m.aws_subnet.s"]);
  });

  it("is nothing when the refresh dropped every resource", () => {
    expect(stillPresent("data.aws_ssm_parameter.ami\n")).toEqual([]);
    expect(stillPresent("")).toEqual([]);
  });
});
