import { describe, expect, it } from "vitest";
import { accountOfRoleArn, accountRootOfRoleArn } from "../../src/config/role-arn";
import { partitionOf } from "../../src/config/partitions";
import { expectOneIssue, issuesWith } from "../support/config-issues";

const KEY = "albPeering.foo.assumeRoleArn";

function withRole(assumeRoleArn: string, region?: string) {
  return { ...(region === undefined ? {} : { region }), albPeering: { foo: { assumeRoleArn } } };
}

describe("role ARNs", () => {
  it.each([
    ["ap-northeast-1", "aws"],
    ["cn-northwest-1", "aws-cn"],
    ["us-gov-west-1", "aws-us-gov"],
    ["us-iso-east-1", "aws-iso"],
    ["us-isob-east-1", "aws-iso-b"],
    ["eu-isoe-west-1", "aws-iso-e"],
    ["us-isof-south-1", "aws-iso-f"],
    ["eusc-de-east-1", "aws-eusc"],
  ])("take a role of the partition of the region: %s is in %s", (region, partition) => {
    expect(partitionOf(region)).toBe(partition);
    expect(issuesWith(withRole(`arn:${partition}:iam::111122223333:role/privnet-deploy`, region))).toEqual([]);
  });

  it("refuses a role of another partition than the region's, naming both", () => {
    const arn = "arn:aws:iam::111122223333:role/privnet-deploy";
    expect(issuesWith(withRole(arn, "cn-north-1")).filter((issue) => issue.key === KEY)).toEqual([
      { key: KEY, value: arn, rule: "is a role of the partition aws, and region cn-north-1 is in aws-cn, whose STS cannot assume it; use arn:aws-cn:iam::..." },
    ]);
  });

  it("refuses a partition AWS does not have", () => {
    expectOneIssue(withRole("arn:aws-mars:iam::111122223333:role/x"), KEY, "arn:aws-mars:iam::111122223333:role/x", /^names the partition "aws-mars", which AWS does not have \(aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc\)$/);
  });

  it.each(["", "a".repeat(65), "bad*name", "with space"])("refuses the role name %j, outside IAM's 1-64 characters of [\\w+=,.@-]", (name) => {
    const arn = `arn:aws:iam::111122223333:role/${name}`;
    expectOneIssue(withRole(arn), KEY, arn, /, and IAM role names are 1-64 letters, digits or \+ = , \. @ _ -$/);
  });

  it.each(["team//", `${"p".repeat(512)}/`, "t\u00e9am/", "te am/"])("refuses the role path /%s, which IAM refuses", (path) => {
    const arn = `arn:aws:iam::111122223333:role/${path}deploy`;
    expectOneIssue(withRole(arn), KEY, arn, /, and an IAM role path is \/ or \/-delimited segments of printable ASCII such as \/division\/team\/, without an empty segment, at most 512 characters$/);
  });

  it("takes IAM's longest path and name, and gives their account and its root", () => {
    const arn = `arn:aws-us-gov:iam::111122223333:role/${"p".repeat(510)}/${"n".repeat(64)}`;
    expect(issuesWith(withRole(arn, "us-gov-east-1")).filter((issue) => issue.key === KEY)).toEqual([]);
    expect(accountOfRoleArn(arn)).toBe("111122223333");
    expect(accountRootOfRoleArn(arn)).toBe("arn:aws-us-gov:iam::111122223333:root");
    expect(accountRootOfRoleArn("arn:aws:iam::111122223333:role/team/x")).toBe("arn:aws:iam::111122223333:root");
    expect(accountOfRoleArn("arn:aws:iam::111122223333:user/x")).toBeUndefined();
  });
});
