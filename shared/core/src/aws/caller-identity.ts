import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsReads, CallerIdentity } from './gateway';

/** Who the gateway's credentials belong to (STS GetCallerIdentity). */
export async function fetchCallerIdentity(aws: AwsReads): Promise<CallerIdentity> {
  const out = await aws.readClient(STSClient).send(new GetCallerIdentityCommand({}));
  return { account: out.Account ?? '', arn: out.Arn ?? '', userId: out.UserId ?? '' };
}
