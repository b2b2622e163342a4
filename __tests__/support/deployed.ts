import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildNetworkModel } from "../../src/reachability/build-model";
import type { StackFlows } from "../../src/reachability/flows";
import type { NetworkModel } from "../../src/reachability/model";
import { stateAsConfig } from "../../src/reachability/state-as-config";
import type { TerraformJson } from "../../src/terraform-json/read";
import { resourcesOfStateFile } from "../../src/terraform-json/state";

/** The cases under fixtures/deployed/ (README.md there says what each is for). */
export type DeployedCase = "peering" | "endpoint-sharing" | "endpoint-sharing+transit-gateway" | "privatelink" | "privatelink+other-account" | "alb-peering";

export interface DeployedFixture {
  readonly stack: string;
  /** The state as `terraform state pull` prints it. */
  readonly stateText: string;
  readonly synthesized: TerraformJson;
  readonly flows: StackFlows;
  /** The deployed configuration and its model, as the probe builds them. */
  readonly json: TerraformJson;
  readonly model: NetworkModel;
}

const dir = (name: DeployedCase) => join(__dirname, "..", "fixtures", "deployed", name);

/**
 * A state an emulated deploy applied, read the way the probe reads a pulled one. `edit`
 * changes the state's resources first (a rule removed, an attribute changed).
 */
export function deployedFixture(name: DeployedCase, edit?: (resources: Record<string, any>[]) => void): DeployedFixture {
  const stack = name.split("+")[0]!;
  const state = JSON.parse(readFileSync(join(dir(name), "terraform.tfstate"), "utf8")) as { resources: Record<string, any>[] };
  edit?.(state.resources);
  const stateText = JSON.stringify(state);
  const synthesized = JSON.parse(readFileSync(join(dir(name), "cdk.tf.json"), "utf8")) as TerraformJson;
  const flows = JSON.parse(readFileSync(join(dir(name), "declared-flows.json"), "utf8")) as StackFlows;
  const json = stateAsConfig(resourcesOfStateFile(JSON.parse(stateText), name).resources, { stackName: stack, synthesized });
  return { stack, stateText, synthesized, flows, json, model: buildNetworkModel(json, stack) };
}

/** The attributes of the state's resource `type` whose Name tag ends with `name`. */
export function stateResource(resources: Record<string, any>[], type: string, name: string): Record<string, any> {
  const found = resources.filter((resource) => resource["type"] === type).flatMap((resource) => resource["instances"] as Record<string, any>[]).find((instance) => String(instance["attributes"]["tags"]?.["Name"] ?? "").endsWith(name));
  if (found === undefined) throw new Error(`no ${type} named *${name} in the fixture`);
  return found["attributes"] as Record<string, any>;
}
