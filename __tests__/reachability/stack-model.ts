import { Testing, type TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";
import { buildApp } from "../../src/app";
import { buildNetworkModel } from "../../src/reachability/build-model";
import type { NetworkModel } from "../../src/reachability/model";
import type { TerraformJson } from "../../src/terraform-json/read";
import { configWith, stackOf, tempDir } from "../support/synth";
import { mergeOverrides } from "../../src/topologies/project-config";

export interface StackModelOptions {
  readonly overrides?: unknown;
  /** Skip config validation, to build what validation would refuse (overlapping VPCs). */
  readonly unvalidated?: boolean;
  /** Makes one mistake in the real stack before it is synthesized. */
  readonly mistake?: (stack: TerraformStack) => void;
}

/** A real stack of the app, optionally with one mistake, as JSON and as a model. */
export function stackModel(stackName: string, options: StackModelOptions = {}): { model: NetworkModel; json: TerraformJson } {
  const config = options.unvalidated ? mergeOverrides(options.overrides ?? {}, "test overrides") : configWith(options.overrides ?? {});
  const stack = stackOf(buildApp({ config, outdir: tempDir() }), stackName);
  options.mistake?.(stack);
  const json = JSON.parse(Testing.synth(stack)) as TerraformJson;
  return { model: buildNetworkModel(json, stackName), json };
}

/** The real `peering` stack (article 000). */
export function peeringModel(options: StackModelOptions = {}): { model: NetworkModel; json: TerraformJson } {
  return stackModel("peering", options);
}

/** Removes a construct (a rule, a route) from the stack by its path below the stack. */
export function removeConstruct(stack: TerraformStack, path: string): void {
  const parts = path.split("/");
  const id = parts.pop()!;
  const parent = parts.reduce((scope, part) => scope.node.findChild(part), stack as IConstruct);
  if (!parent.node.tryRemoveChild(id)) {
    throw new Error(`no construct ${path} in stack ${stack.node.id}`);
  }
}
