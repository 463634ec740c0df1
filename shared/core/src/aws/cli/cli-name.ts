/**
 * botocore's `xform_name(name, '-')`, which the AWS CLI uses to turn SDK operation and member
 * names into command and flag names: DescribeDBClusters → describe-db-clusters.
 * The three regular expressions are botocore's, in botocore's order.
 */
const PLURAL_ACRONYM = /[A-Z]{2,}s$/;
const FIRST_CAP = /(.)([A-Z][a-z]+)/g;
const END_CAP = /([a-z0-9])([A-Z])/g;

export function cliName(name: string): string {
  // botocore leaves names that already contain the separator untouched.
  if (name.includes('-')) return name;
  let transformed = name;
  const plural = PLURAL_ACRONYM.exec(transformed);
  if (plural) {
    // GatewayARNs → Gateway-arns, SomeCNAMEs → Some-cnames
    transformed = `${transformed.slice(0, -plural[0].length)}-${plural[0].toLowerCase()}`;
  }
  transformed = transformed.replace(FIRST_CAP, '$1-$2');
  return transformed.replace(END_CAP, '$1-$2').toLowerCase();
}
