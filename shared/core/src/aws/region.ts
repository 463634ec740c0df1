/** An AWS region name such as `eu-west-1` or `us-gov-west-1`. */
export function isAwsRegion(value: string): boolean {
  return /^[a-z]{2}(-[a-z]+)+-\d+$/.test(value);
}
