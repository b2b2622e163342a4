import { describe, expect, it } from "vitest";
import { deployCases, type DeployCase } from "../../src/deploy-test/cases";
import { withoutUnserved } from "../../src/deploy-test/workspace";
import { synthStack } from "../support/synth";

type Resources = Record<string, Record<string, Record<string, unknown>>>;

/** Each resource by address, without cdktf's metadata block. */
function byAddress(resources: Resources): Map<string, string> {
  return new Map(
    Object.entries(resources).flatMap(([type, byName]) =>
      Object.entries(byName).map(([name, body]) => {
        const { "//": _metadata, ...rest } = body;
        return [`${type}.${name}`, JSON.stringify(rest)] as const;
      }),
    ),
  );
}

const cases = deployCases();
const planned = cases.filter((c): c is Extract<DeployCase, { kind: "plan" }> => c.kind === "plan");

describe("a case that is only planned", () => {
  it("exists, so that this check means something", () => {
    expect(planned.map((c) => c.name)).toEqual(["endpoint-sharing+route53-profile"]);
  });

  it.each(planned.map((c) => [c.name, c] as const))("%s applies nothing the case it names does not: what the emulator can serve of it is part of that case's stack, resource for resource", (_name, plan) => {
    const deploys = cases.find((c) => c.name === plan.appliedBy)!;
    expect(deploys.kind).toBe("stack");
    const own = withoutUnserved(synthStack(plan.stack, plan.overrides).json as Record<string, any>);
    // Something is left out, or the case could simply deploy.
    expect(own.leftOut.length).toBeGreaterThan(0);
    const theirs = byAddress((withoutUnserved(synthStack(deploys.stack, deploys.overrides).json as Record<string, any>).stack["resource"] ?? {}) as Resources);
    const mine = byAddress((own.stack["resource"] ?? {}) as Resources);
    expect(mine.size).toBeGreaterThan(0);
    for (const [address, body] of mine) expect(theirs.get(address), address).toBe(body);
  });
});
