/**
 * The test credentials the Switchyard simulator accepts: it verifies SigV4 signatures against
 * them as AWS verifies against IAM, so a request signed with another key or secret fails there as
 * it would on AWS. Every client Switchyard points at its simulator (CLI, Backstage backend,
 * VS Code sandbox, tests) signs with these. They open nothing on AWS. (Not frozen: the SDK
 * marks a credentials object it is given.)
 */
export const SIMULATOR_CREDENTIALS: { readonly accessKeyId: string; readonly secretAccessKey: string } = {
  accessKeyId: 'AKIASWITCHYARDSIM000',
  secretAccessKey: 'switchyard-simulator-secret-key-not-for-aws',
};

/** SIMULATOR_CREDENTIALS as an SDK credentials provider (SdkAwsGatewayOptions.credentials). */
export async function simulatorCredentials(): Promise<{ accessKeyId: string; secretAccessKey: string }> {
  return { ...SIMULATOR_CREDENTIALS };
}
