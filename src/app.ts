import { App } from "cdktf";
import { loadConfig, type LoadOptions } from "./config/load";
import type { ProjectConfig } from "./config/types";
import { AlbPeeringStack } from "./stacks/alb-peering-stack";
import { EndpointSharingStack } from "./stacks/endpoint-sharing-stack";
import { PeeringStack } from "./stacks/peering-stack";
import { PrivateLinkStack } from "./stacks/privatelink-stack";
import type { ProjectStackProps } from "./stacks/project-stack";
import { StateStack } from "./stacks/state-stack";
import { readPinnedTerraformVersion } from "./stacks/terraform-version";

/** The CLI names of the stacks, in the order a first deployment needs them. */
export const STACK_NAMES = ["state", "peering", "endpoint-sharing", "privatelink", "alb-peering"] as const;

export interface BuildAppOptions {
  readonly config: ProjectConfig;
  /** Where synth writes. Default: cdktf's (`cdktf.out`, or `CDKTF_OUTDIR` from the CLI). */
  readonly outdir?: string;
  /** Default: the release in `.terraform-version`. */
  readonly terraformVersion?: string;
}

/** Builds every stack from an already validated configuration. */
export function buildApp(options: BuildAppOptions): App {
  const app = new App(options.outdir === undefined ? {} : { outdir: options.outdir });
  const props: ProjectStackProps = {
    config: options.config,
    terraformVersion: options.terraformVersion ?? readPinnedTerraformVersion(),
  };
  new StateStack(app, "state", props);
  new PeeringStack(app, "peering", props);
  new EndpointSharingStack(app, "endpoint-sharing", props);
  new PrivateLinkStack(app, "privatelink", props);
  new AlbPeeringStack(app, "alb-peering", props);
  return app;
}

/**
 * Loads and validates the configuration, then synthesizes. Validation throws before
 * the App exists, so a bad configuration writes nothing.
 */
export function synthesize(options: LoadOptions & { readonly outdir?: string } = {}): App {
  const config = loadConfig(options);
  const app = buildApp({ config, outdir: options.outdir });
  app.synth();
  return app;
}
