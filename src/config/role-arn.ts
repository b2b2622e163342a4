const ROLE_ARN = /^arn:(aws(?:-[a-z]+)*):iam::(\d{12}):role\/[\w+=,.@/-]{1,512}$/;

/** The account that owns an IAM role, from its ARN; undefined when it is not a role ARN. */
export function accountOfRoleArn(arn: string): string | undefined {
  return ROLE_ARN.exec(arn)?.[2];
}

/** The root principal of the role's account (`arn:aws:iam::<account>:root`): the whole account, as article 002 allowed it. */
export function accountRootOfRoleArn(arn: string): string | undefined {
  const match = ROLE_ARN.exec(arn);
  return match ? `arn:${match[1]}:iam::${match[2]}:root` : undefined;
}
