/**
 * botocore's `xform_name(name, '-')`, which the AWS CLI uses to turn SDK operation and member
 * names into command and flag names: DescribeDBClusters → describe-db-clusters.
 * The three regular expressions are botocore's, in botocore's order.
 */
const PLURAL_ACRONYM = /[A-Z]{2,}s$/;
const FIRST_CAP = /(.)([A-Z][a-z]+)/g;
const END_CAP = /([a-z0-9])([A-Z])/g;

/**
 * botocore pre-seeds its name cache with names the regular expressions get wrong
 * (`botocore._xform_cache`, the `-` entries, copied verbatim).
 */
const BOTOCORE_SPECIAL_CASES = new Map<string, string>([
  ['CreateCachediSCSIVolume', 'create-cached-iscsi-volume'],
  ['DescribeCachediSCSIVolumes', 'describe-cached-iscsi-volumes'],
  ['DescribeStorediSCSIVolumes', 'describe-stored-iscsi-volumes'],
  ['CreateStorediSCSIVolume', 'create-stored-iscsi-volume'],
  ['ListHITsForQualificationType', 'list-hits-for-qualification-type'],
  ['ExecutePartiQLStatement', 'execute-partiql-statement'],
  ['ExecutePartiQLTransaction', 'execute-partiql-transaction'],
  ['ExecutePartiQLBatch', 'execute-partiql-batch'],
  ['AssociateWhatsAppBusinessAccount', 'associate-whatsapp-business-account'],
  ['CreateWhatsAppMessageTemplate', 'create-whatsapp-message-template'],
  ['CreateWhatsAppMessageTemplateFromLibrary', 'create-whatsapp-message-template-from-library'],
  ['CreateWhatsAppMessageTemplateMedia', 'create-whatsapp-message-template-media'],
  ['DeleteWhatsAppMessageMedia', 'delete-whatsapp-message-media'],
  ['DeleteWhatsAppMessageTemplate', 'delete-whatsapp-message-template'],
  ['DisassociateWhatsAppBusinessAccount', 'disassociate-whatsapp-business-account'],
  ['GetLinkedWhatsAppBusinessAccount', 'get-linked-whatsapp-business-account'],
  ['GetLinkedWhatsAppBusinessAccountPhoneNumber', 'get-linked-whatsapp-business-account-phone-number'],
  ['GetOTelEnrichment', 'get-otel-enrichment'],
  ['GetWhatsAppMessageMedia', 'get-whatsapp-message-media'],
  ['GetWhatsAppMessageTemplate', 'get-whatsapp-message-template'],
  ['ListLinkedWhatsAppBusinessAccounts', 'list-linked-whatsapp-business-accounts'],
  ['ListWhatsAppMessageTemplates', 'list-whatsapp-message-templates'],
  ['ListWhatsAppTemplateLibrary', 'list-whatsapp-template-library'],
  ['PostWhatsAppMessageMedia', 'post-whatsapp-message-media'],
  ['PutWhatsAppBusinessAccountEventDestinations', 'put-whatsapp-business-account-event-destinations'],
  ['SendWhatsAppMessage', 'send-whatsapp-message'],
  ['StartOTelEnrichment', 'start-otel-enrichment'],
  ['StopOTelEnrichment', 'stop-otel-enrichment'],
  ['UpdateWhatsAppMessageTemplate', 'update-whatsapp-message-template'],
]);

export function cliName(name: string): string {
  // botocore leaves names that already contain the separator untouched.
  if (name.includes('-')) return name;
  const special = BOTOCORE_SPECIAL_CASES.get(name);
  if (special) return special;
  let transformed = name;
  const plural = PLURAL_ACRONYM.exec(transformed);
  if (plural) {
    // GatewayARNs → Gateway-arns, SomeCNAMEs → Some-cnames
    transformed = `${transformed.slice(0, -plural[0].length)}-${plural[0].toLowerCase()}`;
  }
  transformed = transformed.replace(FIRST_CAP, '$1-$2');
  return transformed.replace(END_CAP, '$1-$2').toLowerCase();
}
