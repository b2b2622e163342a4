const ROLE_ARN = /^arn:aws(?:-[a-z]+)*:iam::(\d{12}):role\/[\w+=,.@/-]{1,512}$/;

/** The account that owns an IAM role, from its ARN; undefined when it is not a role ARN. */
export function accountOfRoleArn(arn: string): string | undefined {
  return ROLE_ARN.exec(arn)?.[1];
}
