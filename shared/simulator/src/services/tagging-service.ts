import * as taggingSchemas from '@aws-sdk/client-resource-groups-tagging-api';
import type {
  FailureInfo,
  TagResourcesInput,
  TagResourcesOutput,
  UntagResourcesInput,
  UntagResourcesOutput,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { AwsError } from '../protocol/aws-error';
import type { SimulatorWorld } from '../world';
import { applyTags, removeTags, taggable } from './rds/tag-operations';
import { handler, type ServiceDefinition } from './service-definition';

/**
 * The AWS Resource Groups Tagging API (AWS JSON 1.1, target `ResourceGroupsTaggingAPI_20170126`),
 * over the same tags as RDS's AddTagsToResource: TagResources and UntagResources take 1–20 ARNs
 * (`ResourceARNListForTagUntag`, min 1, max 20), TagResources 1–50 tags (`TagMap`), UntagResources
 * 1–50 keys (`TagKeyListForUntag`) — botocore resourcegroupstaggingapi 2017-01-26 service-2.json.
 * A request outside those bounds is refused whole with InvalidParameterException (400). A resource
 * that cannot be tagged does not fail the request: it is listed in `FailedResourcesMap` with the
 * error the service that hosts it gives (FailureInfo: "any valid error code returned by the Amazon
 * Web Services service that hosts the resource"), and the others are tagged. Only resources in the
 * request's region can be tagged ("You can only tag resources that are located in the specified
 * Amazon Web Services Region", TagResources in the API reference); the simulator hosts RDS only,
 * so an ARN of another service is a failed resource too.
 */
export function taggingService(world: SimulatorWorld): ServiceDefinition {
  const invalid = (message: string) => new AwsError('InvalidParameterException', message, 400);
  const checkArns = (arns: string[] | undefined): string[] => {
    if (!arns?.length) throw invalid('ResourceARNList must contain at least 1 ARN.');
    if (arns.length > 20) throw invalid(`ResourceARNList has ${arns.length} ARNs; at most 20 are allowed in one request.`);
    return arns;
  };
  /** Runs `change` on each resource; each one that fails is reported with its service's error. */
  const eachResource = (arns: string[], region: string, change: (resource: { tags: { Key: string; Value: string }[] }) => void) => {
    const { state } = world.context();
    const failed: Record<string, FailureInfo> = {};
    for (const arn of arns) {
      try {
        if (!arn.startsWith('arn:aws:rds:')) throw invalid(`${arn} is not a resource the simulator hosts (it simulates Amazon RDS only).`);
        change(taggable(state, region, arn));
      } catch (error) {
        if (!(error instanceof AwsError)) throw error;
        failed[arn] = {
          StatusCode: error.status ?? (error.code.endsWith('NotFoundFault') ? 404 : 400),
          ErrorCode: error.code as FailureInfo['ErrorCode'],
          ErrorMessage: error.message,
        };
      }
    }
    return { FailedResourcesMap: failed };
  };
  return {
    signingName: 'tagging',
    schemas: taggingSchemas as unknown as Record<string, unknown>,
    jsonTarget: 'ResourceGroupsTaggingAPI_20170126',
    jsonVersion: '1.1',
    handlers: {
      TagResources: handler((input: TagResourcesInput, { region }): TagResourcesOutput => {
        const arns = checkArns(input.ResourceARNList);
        const tags = Object.entries(input.Tags ?? {});
        if (tags.length < 1 || tags.length > 50) throw invalid(`Tags has ${tags.length} tags; 1 to 50 are allowed.`);
        return eachResource(arns, region, (resource) =>
          applyTags(
            resource,
            tags.map(([Key, Value]) => ({ Key, Value })),
          ),
        );
      }),
      UntagResources: handler((input: UntagResourcesInput, { region }): UntagResourcesOutput => {
        const arns = checkArns(input.ResourceARNList);
        const keys = input.TagKeys ?? [];
        if (keys.length < 1 || keys.length > 50) throw invalid(`TagKeys has ${keys.length} keys; 1 to 50 are allowed.`);
        return eachResource(arns, region, (resource) => removeTags(resource, keys));
      }),
    },
  };
}
