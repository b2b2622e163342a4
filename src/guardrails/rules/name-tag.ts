import type { Finding, GuardrailRule } from "../rule";
import { isTaggableType } from "../taggable-types";

export const nameTag: GuardrailRule = {
  id: "name-tag",
  title: "Every taggable resource has a Name tag",
  controls: ["Security Hub AWS Resource Tagging Standard (requiredKeyTags: Name)"],
  rationale: "The console, the bill and `terraform plan` readers find a resource by its Name; an untagged one is anonymous in all three (a project convention).",
  fix: "pass tags: nameTag(this, '<name>') to the resource",
  countJudged({ context, json }) {
    return Object.keys(json.resource ?? {}).filter(isTaggableType).reduce((sum, type) => sum + context.blocks(type).length, 0);
  },
  check({ context, json }) {
    const findings: Finding[] = [];
    for (const type of Object.keys(json.resource ?? {})) {
      if (!isTaggableType(type)) {
        continue;
      }
      for (const block of context.blocks(type)) {
        const tags = block.body["tags"];
        if (typeof tags === "string") {
          findings.push({ address: block.address, problem: `tags is the expression ${tags}, so its Name cannot be checked before plan` });
          continue;
        }
        const name = typeof tags === "object" && tags !== null ? (tags as Record<string, unknown>)["Name"] : undefined;
        if (typeof name !== "string" || name.trim() === "") {
          findings.push({ address: block.address, problem: "has no Name tag" });
        }
      }
    }
    return findings;
  },
};
