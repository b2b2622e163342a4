import { describe, expect, it } from "vitest";
import { expectOneIssue, issuesWith } from "../support/config-issues";

describe("tags", () => {
  it("takes the letters of any language, digits, spaces and IAM's punctuation in keys and values", () => {
    expect(issuesWith({ tags: { "Cost Center": "ネットワーク-lab", "team:owner/x=y+z@a_b.c-d": "", Ünïcode: "Ünïcode 2" } })).toEqual([]);
  });

  it.each(["Owner!", "a,b", "x#1", "tab\there"])("refuses the tag key %j, which IAM refuses", (name) => {
    expectOneIssue({ tags: { [name]: "x" } }, `tags.${name}`, name, /^tag keys may hold only letters, digits, spaces and _ \. : \/ = \+ - @, as IAM requires/);
  });

  it.each(["a;b", "<script>", "50%", 'say "hi"'])("refuses the tag value %j, which IAM refuses", (value) => {
    expectOneIssue({ tags: { Note: value } }, "tags.Note", value, /^tag values may hold only letters, digits, spaces and _ \. : \/ = \+ - @/);
  });

  it("refuses tag keys that differ only in case, which IAM takes as one key", () => {
    expectOneIssue({ tags: { CostCenter: "a", costcenter: "b" } }, "tags.costcenter", "costcenter", /^differs from tags\.CostCenter only in case; IAM compares tag keys regardless of case/);
  });

  it.each([
    ["Project", "Project", /set project instead\), and the VPC quota check finds a stack's own VPCs by it$/],
    ["project", "Project", /the VPC quota check finds/],
    ["STACK", "Stack", /every resource's Stack is its stack's name, and the VPC quota check finds a stack's own VPCs by it$/],
    ["managedby", "ManagedBy", /every resource's ManagedBy is cdktf/],
    ["Name", "Name", /each resource's Name is its stack's name and its own \(such as peering-vpc1\)/],
  ])("refuses a tag %j, which would replace the tag %s the project sets itself, saying what it is for", (name, projectTag, why) => {
    expectOneIssue({ tags: { [name]: "mine" } }, `tags.${name}`, "mine", new RegExp(`^would replace the tag ${projectTag} the project sets itself: .*${why.source}`));
  });
});
