import { PARTITIONS } from "./partitions";

/** An IAM role ARN, `arn:<partition>:iam::<account>:role<path><name>`, in its parts. */
export interface RoleArn {
  readonly partition: string;
  readonly account: string;
  /** `/`, or `/`-delimited segments such as `/division/team/`. */
  readonly path: string;
  readonly name: string;
}

const ROLE_ARN = /^arn:([^:]*):iam::(\d{12}):role(\/.*)$/s;

/** IAM's role name: 1-64 of these characters. */
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

/** IAM's role path, without the empty segment (`//`) IAM's own pattern lets through. */
const ROLE_PATH = /^\/(?:[\u0021-\u002E\u0030-\u007E]+\/)*$/;

const ROLE_PATH_LENGTH = 512;

/** The parts of a role ARN, or the rule it breaks. */
export function parseRoleArn(arn: string): RoleArn | string {
  const match = ROLE_ARN.exec(arn);
  if (match === null) return "must be an IAM role ARN such as arn:aws:iam::111122223333:role/privnet-deploy";
  const [, partition, account, resource] = match as unknown as [string, string, string, string];
  if (!PARTITIONS.includes(partition)) return `names the partition "${partition}", which AWS does not have (${PARTITIONS.join(", ")})`;
  const lastSlash = resource.lastIndexOf("/");
  const path = resource.slice(0, lastSlash + 1);
  const name = resource.slice(lastSlash + 1);
  if (!ROLE_NAME.test(name)) return `names the role "${name}", and IAM role names are 1-64 letters, digits or + = , . @ _ -`;
  if (path.length > ROLE_PATH_LENGTH || !ROLE_PATH.test(path)) {
    return `has the path "${path}", and an IAM role path is / or /-delimited segments of printable ASCII such as /division/team/, without an empty segment, at most ${ROLE_PATH_LENGTH} characters`;
  }
  return { partition, account, path, name };
}

/** The account that owns an IAM role, from its ARN; undefined when it is not a role ARN. */
export function accountOfRoleArn(arn: string): string | undefined {
  const role = parseRoleArn(arn);
  return typeof role === "string" ? undefined : role.account;
}

/** The root principal of the role's account (`arn:aws:iam::<account>:root`): the whole account, as article 002 allowed it. */
export function accountRootOfRoleArn(arn: string): string | undefined {
  const role = parseRoleArn(arn);
  return typeof role === "string" ? undefined : `arn:${role.partition}:iam::${role.account}:root`;
}
