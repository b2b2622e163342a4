import { EXIT, type CommandContext, type Subcommand } from "./subcommand";

/** Refuses options a subcommand that takes only file arguments does not know. */
function unknownOption(args: readonly string[], context: CommandContext, name: string): boolean {
  const option = args.find((arg) => arg.startsWith("-"));
  if (option !== undefined) {
    context.stderr.write(`${name}: unknown option ${option}; run it with --help for its usage\n`);
  }
  return option !== undefined;
}

/** Every subcommand of `privnet`, in the order `--help` lists them. */
export const SUBCOMMANDS: readonly Subcommand[] = [
  {
    name: "verify",
    npmScript: "verify",
    summary: "check offline that each stack's declared traffic flows work, and nothing else reaches them",
    usage: "[--flows] [<cdk.tf.json> ...]",
    description: [
      "Evaluates each stack's declared flows (src/topologies/<name>/flows.ts) on its synthesized",
      "Terraform JSON: routes, security groups, network ACLs, endpoints, DNS. With no file, it",
      "synthesizes every stack now (PRIVNET_CONFIG names the configuration); with files, it judges",
      "those, whoever produced them. Prints a summary per stack with every flow that is not as",
      "declared, and a closing line; --flows prints a table of every flow with its reason.",
    ].join("\n"),
    exits: { finding: "a flow is not as declared", cannotRun: "bad configuration, an unreadable file, or a stack that declares no flows" },
    async run(args, context) {
      const everyFlow = args.includes("--flows");
      const files = args.filter((arg) => arg !== "--flows");
      if (unknownOption(files, context, "verify")) return EXIT.cannotRun;
      const { runVerify } = await import("./verify");
      return runVerify({ files, everyFlow, baseDir: context.cwd, cwd: context.projectDir, env: context.env, stdout: context.stdout, stderr: context.stderr });
    },
  },
  {
    name: "guardrails",
    npmScript: "guardrails",
    summary: "report every guardrail rule's result for each stack, with exceptions and fixes",
    usage: "[<cdk.tf.json> ...]",
    description: [
      "Checks each stack against the rules synth enforces (docs/guardrails.md): IMDSv2, encrypted",
      "volumes, no public addresses, closed default groups, S3 state bucket settings and more.",
      "With no file, it synthesizes every stack now; with files, it judges those.",
    ].join("\n"),
    exits: { finding: "a stack breaks a rule", cannotRun: "bad configuration or an unreadable file" },
    async run(args, context) {
      if (unknownOption(args, context, "guardrails")) return EXIT.cannotRun;
      const { runGuardrails } = await import("./guardrails");
      return runGuardrails({ files: args, baseDir: context.cwd, cwd: context.projectDir, env: context.env, stdout: context.stdout, stderr: context.stderr });
    },
  },
  {
    name: "plan",
    npmScript: "plan",
    summary: "terraform plan of one stack, written as the pull-request comment shows it",
    usage: "<stack>",
    description: [
      "Synthesizes through the guardrails, checks Terraform and the state bucket, runs terraform",
      "init and plan in the stack's folder, and writes cdktf.out/plans/<stack>.md (the comment) and",
      ".txt (the full plan). Needs Terraform and AWS credentials (docs/pull-request-plans.md).",
    ].join("\n"),
    exits: { finding: "synth or Terraform failed", cannotRun: "something it needs is missing: configuration, Terraform, the stack, the bucket" },
    async run(args, context) {
      const { runPlan } = await import("./plan");
      return runPlan({ args, cwd: context.projectDir, env: context.env, stdout: context.stdout, stderr: context.stderr });
    },
  },
  {
    name: "config",
    npmScript: "config",
    summary: "merge settings, or the state stack's bucket, into your configuration file, checked before it is written",
    usage: "merge '<json object>' [--file <path>] | use-state-bucket [--file <path>]",
    description: [
      "merge deep-merges a JSON object into the configuration file: --file, else the file",
      "PRIVNET_CONFIG names, else ./privnet.json (created when missing). Objects merge key by key;",
      "lists and values replace. use-state-bucket merges { \"state\": { \"bucket\": <name> } }, the name",
      "read from the state stack's local state (terraform.<project>.state.tfstate in the project",
      "folder), so nothing is pasted. The file is read as synth reads it, the result validated as",
      "synth validates it, and written whole through a new file and a rename, or not at all.",
    ].join("\n"),
    exits: { cannotRun: "bad arguments, a file that cannot be read or written, no deployed state stack, or a merged configuration synth would refuse (nothing is written)" },
    async run(args, context) {
      const { runConfig } = await import("./config");
      return runConfig(args, context);
    },
  },
  {
    name: "providers-lock",
    npmScript: "providers:lock",
    summary: "write the committed provider lock (.terraform.lock.hcl) with every platform's checksums",
    usage: "[--check] [--fs-mirror <dir>]",
    description: [
      "Runs terraform providers lock for every provider the stacks require, at its pinned release,",
      "for linux_amd64, linux_arm64, darwin_amd64, darwin_arm64 and windows_amd64, and writes",
      ".terraform.lock.hcl in the project folder; synth gives each stack its part. Needs Terraform and",
      "the registry (or --fs-mirror holding every platform's build). With --check it runs offline and",
      "only says whether the committed file holds every pinned provider (docs/provider-lock.md).",
    ].join("\n"),
    exits: { finding: "with --check: the committed lock lacks a pinned provider", cannotRun: "bad arguments, or terraform providers lock failed" },
    async run(args, context) {
      const { runProvidersLock } = await import("./providers-lock");
      return runProvidersLock({ args, projectDir: context.projectDir, env: context.env, stdout: context.stdout, stderr: context.stderr });
    },
  },
  {
    name: "docs",
    npmScript: "docs",
    summary: "regenerate the configuration schema and the tables in the docs that restate code",
    usage: "[--check]",
    description: [
      "Writes docs/config.schema.json (from the configuration's types) and the generated tables in",
      "docs/ and the topology READMEs (configuration keys, guardrail rules). With --check it writes",
      "nothing and names each stale file; a test runs the same check.",
    ].join("\n"),
    exits: { finding: "with --check: a generated file is stale", cannotRun: "bad arguments, or a file lacks its markers" },
    async run(args, context) {
      const { runDocs } = await import("../docs/generated-docs");
      return runDocs({ args, stdout: context.stdout, stderr: context.stderr });
    },
  },
  {
    name: "bench",
    npmScript: "bench",
    summary: "synth, verify and guardrail timings, and how endpoint-sharing grows with spokes",
    usage: "[<runs>]",
    description: "Synthesizes every stack in-process <runs> times (default 7) and prints figures; nothing passes or fails.",
    exits: { cannotRun: "<runs> is not a whole number from 2 to 100" },
    async run(args, context) {
      const { runBench } = await import("../bench/synth-bench");
      return runBench(args, context.stderr);
    },
  },
  {
    name: "deploy-test",
    npmScript: "test:deploy",
    summary: "deploy every stack into an emulated AWS (moto) and back",
    usage: "[--require] [--jobs N] [--list] [<case or stack> ...]",
    description: "Its --help lists the options and the environment it reads (docs/deploy-test.md).",
    ownHelp: true,
    exits: { finding: "a case failed", cannotRun: "Terraform, the AWS provider or moto is missing (with --require), or bad arguments" },
    async run(args, context) {
      const { runDeployTest } = await import("../deploy-test/run-deploy-test");
      return runDeployTest({ args, env: context.env, stdout: context.stdout, stderr: context.stderr });
    },
  },
  {
    name: "ci-changed-stacks",
    npmScript: "ci:changed-stacks",
    summary: "pull-request workflow: which stacks to plan (the matrix output)",
    usage: "[<head cdktf.out> [<base cdktf.out>]]",
    description: [
      "Compares the pull request's synthesized stacks (default cdktf.out) with the base's (default",
      "base/cdktf.out) and sets the matrix and count outputs; GITHUB_TOKEN, when set, finds the",
      "stacks that already have a plan comment.",
    ].join("\n"),
    exits: { finding: "a stack to plan has no state bucket", cannotRun: "the pull request's synth output is missing" },
    async run(args, context) {
      const [{ runChangedStacks }, { gitHubRest }] = await Promise.all([import("../ci/run-changed-stacks"), import("../ci/github-api")]);
      const [headOutdir = "cdktf.out", baseOutdir = "base/cdktf.out"] = args;
      const token = context.env["GITHUB_TOKEN"];
      return runChangedStacks({
        headOutdir,
        baseOutdir,
        env: context.env,
        stdout: context.stdout,
        stderr: context.stderr,
        ...(token ? { request: gitHubRest(token, context.env["GITHUB_API_URL"]) } : {}),
      });
    },
  },
  {
    name: "ci-deploy-stacks",
    npmScript: "ci:deploy-stacks",
    summary: "deploy workflow: which stacks to deploy (the matrix output)",
    usage: "[<cdktf.out> [<base cdktf.out>]]",
    description: [
      "PRIVNET_DEPLOY_STACKS holds the manual run's patterns (names or globs; they arrive through the",
      "environment, never spliced into a shell command). Without it, the stacks whose configuration",
      "changed since the base synth output (a push to main) are chosen.",
    ].join("\n"),
    exits: { cannotRun: "a pattern matches nothing, or names a stack that cannot be deployed here" },
    async run(args, context) {
      const { runDeploySelection } = await import("../ci/run-deploy-selection");
      const patterns = context.env["PRIVNET_DEPLOY_STACKS"];
      return runDeploySelection({
        outdir: args[0] ?? "cdktf.out",
        env: context.env,
        stdout: context.stdout,
        stderr: context.stderr,
        ...(patterns !== undefined && patterns !== "" ? { patterns } : { baseOutdir: args[1] ?? "base/cdktf.out" }),
      });
    },
  },
  {
    name: "ci-comment",
    npmScript: "ci:comment",
    summary: "post or update the sticky plan comment on the run's pull request",
    usage: "<comment.md> | --fork-notice | --no-plan <stack> <reason> | --no-plan-all <reason>",
    description: "Needs GITHUB_TOKEN and a pull_request or pull_request_target event (GITHUB_EVENT_PATH).",
    exits: { cannotRun: "bad arguments, no token or pull request, or GitHub refused" },
    async run(args) {
      const { runPostComment } = await import("../ci/run-post-comment");
      return runPostComment(args);
    },
  },
  {
    name: "ci-aws-policies",
    npmScript: "ci:aws-policies",
    summary: "the IAM trust and permission documents of the plan and deploy roles",
    usage: "<owner/repo> <aws-account-id> [<ownerId/repoId>]",
    description: [
      "Writes plan-trust.json, plan-permissions.json, deploy-trust.json and deploy-permissions.json",
      "into cdktf.out/github-oidc, made from the app itself, and prints the AWS CLI commands that",
      "create the roles. The third argument only for repositories on GitHub's immutable OIDC",
      "subject format.",
    ].join("\n"),
    exits: { cannotRun: "bad arguments or configuration, or state.bucket unset" },
    async run(args, context) {
      const { runAwsPolicies } = await import("../ci/run-aws-policies");
      return runAwsPolicies({ args, cwd: context.projectDir, env: context.env, stdout: context.stdout, stderr: context.stderr });
    },
  },
];
