import * as rds from '@aws-sdk/client-rds';
import { queryProtocol } from './query-protocol';
import { parseFormBody } from './form-body';
import { errorShapeInfo, operationSchemas } from './schema';
import { AwsError } from './aws-error';
import type { ServiceDefinition } from '../services/service-definition';

const schemas = rds as unknown as Record<string, unknown>;
const service: ServiceDefinition = { signingName: 'rds', schemas, xmlNamespace: 'http://rds.amazonaws.com/doc/2014-10-31/', handlers: {} };
const op = (name: string) => operationSchemas(schemas, name)!;

describe('decoding awsQuery parameters with the SDK schemas', () => {
  it('reads lists named by xmlName traits (Filter, Value, Tag) into typed input', () => {
    const params = parseFormBody(
      'Action=DescribeDBInstances&Version=2014-10-31&Filters.Filter.1.Name=db-cluster-id&Filters.Filter.1.Values.Value.1=a&Filters.Filter.1.Values.Value.2=b&MaxRecords=20',
    );
    expect(queryProtocol.decode(op('DescribeDBInstances'), params)).toEqual({
      Filters: [{ Name: 'db-cluster-id', Values: ['a', 'b'] }],
      MaxRecords: 20,
    });
    const tags = parseFormBody('ResourceName=arn&Tags.Tag.1.Key=team&Tags.Tag.1.Value=x&Tags.Tag.2.Key=env&Tags.Tag.2.Value=prod');
    expect(queryProtocol.decode(op('AddTagsToResource'), tags)).toEqual({
      ResourceName: 'arn',
      Tags: [
        { Key: 'team', Value: 'x' },
        { Key: 'env', Value: 'prod' },
      ],
    });
  });

  it('reads booleans, timestamps and `member` list items (botocore default naming)', () => {
    const input = queryProtocol.decode(
      op('DescribeEvents'),
      parseFormBody('StartTime=2026-11-24T10%3A00%3A00Z&EventCategories.member.1=failover&SourceType=db-cluster'),
    );
    expect(input).toEqual({ StartTime: new Date('2026-11-24T10:00:00Z'), EventCategories: ['failover'], SourceType: 'db-cluster' });
    expect(queryProtocol.decode(op('RebootDBInstance'), parseFormBody('DBInstanceIdentifier=a&ForceFailover=true'))).toEqual({
      DBInstanceIdentifier: 'a',
      ForceFailover: true,
    });
  });

  it('rejects missing required parameters and malformed values as AWS does', () => {
    expect(() => queryProtocol.decode(op('FailoverDBCluster'), parseFormBody(''))).toThrow(
      new AwsError('MissingParameter', 'The request must contain the parameter DBClusterIdentifier'),
    );
    expect(() => queryProtocol.decode(op('DescribeDBClusters'), parseFormBody('MaxRecords=many'))).toThrow(
      /Value \(many\) for parameter MaxRecords is invalid/,
    );
    expect(() => queryProtocol.decode(op('RebootDBInstance'), parseFormBody('DBInstanceIdentifier=a&ForceFailover=yes'))).toThrow(
      /Expected: 'true' or 'false'/,
    );
  });
});

describe('encoding XML responses with the SDK schemas', () => {
  it('names DescribeGlobalClusters items GlobalClusterMember and blue/green list items member', () => {
    const globals = queryProtocol.encode(
      service,
      op('DescribeGlobalClusters'),
      { GlobalClusters: [{ GlobalClusterIdentifier: 'g', GlobalClusterMembers: [{ IsWriter: true, Readers: ['arn:r'] }] }] },
      'req-1',
    );
    expect(globals.body).toContain(
      '<DescribeGlobalClustersResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/"><DescribeGlobalClustersResult>',
    );
    expect(globals.body).toContain(
      '<GlobalClusters><GlobalClusterMember><GlobalClusterIdentifier>g</GlobalClusterIdentifier><GlobalClusterMembers><GlobalClusterMember><Readers><member>arn:r</member></Readers><IsWriter>true</IsWriter>',
    );
    expect(globals.body).toContain('<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>');
    expect(globals.headers['x-amzn-requestid']).toBe('req-1');
    const bg = queryProtocol.encode(
      service,
      op('DescribeBlueGreenDeployments'),
      { BlueGreenDeployments: [{ Tasks: [{ Name: 'T', Status: 'COMPLETED' }], CreateTime: new Date('2026-01-02T03:04:05Z') }] },
      'r',
    );
    expect(bg.body).toContain(
      '<BlueGreenDeployments><member><Tasks><member><Name>T</Name><Status>COMPLETED</Status></member></Tasks><CreateTime>2026-01-02T03:04:05.000Z</CreateTime></member></BlueGreenDeployments>',
    );
  });

  it('escapes text', () => {
    const out = queryProtocol.encode(service, op('DescribeEvents'), { Events: [{ Message: 'a < b & "c"' }] }, 'r');
    expect(out.body).toContain('<Message>a &lt; b &amp; &quot;c&quot;</Message>');
  });

  it('writes errors with the awsQueryError code and status of the shape', () => {
    expect(errorShapeInfo(schemas, 'DBInstanceNotFoundFault')).toEqual({
      shape: 'DBInstanceNotFoundFault',
      queryCode: 'DBInstanceNotFound',
      status: 404,
      fault: 'client',
    });
    const error = queryProtocol.encodeError(service, new AwsError('DBInstanceNotFoundFault', 'DBInstance x not found.'), 'r');
    expect(error.status).toBe(404);
    expect(error.body).toContain(
      '<ErrorResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/"><Error><Type>Sender</Type><Code>DBInstanceNotFound</Code><Message>DBInstance x not found.</Message></Error><RequestId>r</RequestId></ErrorResponse>',
    );
    const throttled = queryProtocol.encodeError(service, new AwsError('Throttling', 'Rate exceeded', 400), 'r');
    expect(throttled.status).toBe(400);
    expect(throttled.body).toContain('<Code>Throttling</Code><Message>Rate exceeded</Message>');
  });
});
