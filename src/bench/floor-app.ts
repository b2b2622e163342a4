import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { App, TerraformStack } from "cdktf";

/**
 * The floor the benchmark measures synth against: the smallest cdktf app of this kind,
 * one stack with the AWS provider and one VPC, provider classes imported by deep path.
 * Run as a program (through the cdktf CLI) or called in-process; what the project's
 * synth costs beyond it is the project's own.
 */
export function synthFloorApp(outdir?: string): void {
  const app = new App(outdir === undefined ? {} : { outdir });
  const stack = new TerraformStack(app, "floor");
  new AwsProvider(stack, "aws", { region: "ap-northeast-1" });
  new Vpc(stack, "vpc", { cidrBlock: "10.0.0.0/16" });
  app.synth();
}

if (require.main === module) {
  synthFloorApp();
}
