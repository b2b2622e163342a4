import type { Finding, GuardrailRule } from "../rule";

interface SecretPattern {
  readonly what: string;
  readonly pattern: RegExp;
}

/**
 * What a secret looks like in a boot script or cloud-config. A value that starts with
 * `$` (a variable, a command substitution fetching it at boot) is not written down and
 * passes; so do the IMDSv2 session token, which names no value, and cloud-init's
 * `RANDOM`, which asks for a generated password.
 */
const SECRET_PATTERNS: readonly SecretPattern[] = [
  {
    what: "a password, secret, token or key assigned literally",
    pattern: /(?:^|[^A-Za-z0-9])(?:password|passwd|pwd|secret|secret[_-]?key|api[_-]?key|access[_-]?key|auth[_-]?token|token)["']?\s*[:=]\s*["']?(?![$"'\s]|\(|$|RANDOM\b)[^\s"'#,}]{4,}/im,
  },
  // Piped in as written; `echo "u:$(aws secretsmanager ...)" | chpasswd` fetches it at boot and passes.
  { what: "a password piped to chpasswd or passwd --stdin", pattern: /echo\s+["']?[^"'$|\n]+["']?\s*\|\s*(?:sudo\s+)?(?:chpasswd\b|passwd\b[^\n]*--stdin)/ },
  { what: "a password listed for cloud-config's chpasswd", pattern: /^\s*chpasswd:[\s\S]*?\b(?:list|users):[\s\S]*?\b[a-z_][\w-]*:(?!\s*RANDOM\b)[^\s$]{4,}/im },
  { what: "credentials on a command line (user:password@ or -u user:password)", pattern: /(?:\/\/[^\s/:@$]+:[^\s/@$]+@|\s-u\s*["']?[^\s:$"']+:[^\s$"']{4,})/ },
  { what: "an AWS access key id", pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { what: "a private key", pattern: /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/ },
];

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The script as written, plus its decoded text when it is base64 (`user_data_base64`, launch templates). */
function textsOf(value: unknown): string[] {
  if (typeof value !== "string") {
    return [];
  }
  const compact = value.replace(/\s+/g, "");
  if (compact.length >= 8 && compact.length % 4 === 0 && BASE64.test(compact)) {
    return [value, Buffer.from(compact, "base64").toString("utf8")];
  }
  return [value];
}

export function secretsIn(value: unknown): string[] {
  const texts = textsOf(value);
  return SECRET_PATTERNS.filter(({ pattern }) => texts.some((text) => pattern.test(text))).map(({ what }) => what);
}

export const userDataNoSecrets: GuardrailRule = {
  id: "user-data-no-secrets",
  title: "User data holds no password, key or token",
  controls: ["checkov CKV_AWS_46"],
  rationale: "User data is readable by anyone who may describe the instance and by every process on it through the metadata service, and it lands in state; article 001 put a login password there.",
  fix: "log in through Session Manager or Instance Connect instead of a password; fetch a secret at boot from Secrets Manager or Parameter Store",
  countJudged({ context }) {
    return context.blocks("aws_instance", "aws_launch_template").length;
  },
  check({ context }) {
    const findings: Finding[] = [];
    for (const block of context.blocks("aws_instance", "aws_launch_template")) {
      for (const argument of ["user_data", "user_data_base64"]) {
        const found = secretsIn(block.body[argument]);
        if (found.length > 0) {
          findings.push({ address: block.address, problem: `${argument} contains ${found.join("; ")}` });
        }
      }
    }
    return findings;
  },
};
