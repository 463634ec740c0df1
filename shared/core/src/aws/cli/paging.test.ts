import { execFileSync } from 'node:child_process';
import { mergePages, nextToken, PAGING, pagingModel, type PagingModel } from './paging';

describe('PAGING (botocore paginators-1.json, sdk-extras merged)', () => {
  it('equals the paginator configuration of the botocore the installed AWS CLI runs on', () => {
    // botocore's own loader merges paginators-1.sdk-extras.json, as the AWS CLI sees it.
    const script = [
      'import json, botocore.session',
      'loader = botocore.session.get_session().get_component("data_loader")',
      'out = {}',
      'for s in ["rds", "cloudwatch", "ce", "sts"]:',
      '    out[s] = loader.load_service_model(s, "paginators-1")["pagination"]',
      'print(json.dumps(out))',
    ].join('\n');
    // The AWS CLI (test/support/system-deps.sh installs it) runs on python3 with botocore.
    const botocore = JSON.parse(execFileSync('python3', ['-c', script], { encoding: 'utf8' })) as Record<
      string,
      Record<string, Record<string, unknown>>
    >;
    for (const [service, operations] of Object.entries(botocore)) {
      const expected = Object.fromEntries(
        Object.entries(operations).map(([operation, c]): [string, PagingModel] => [
          operation,
          {
            inputToken: c.input_token as string,
            outputToken: c.output_token as string,
            ...(c.limit_key ? { limitKey: c.limit_key as string } : {}),
            ...(c.more_results ? { moreResults: c.more_results as string } : {}),
            resultKeys: ([] as string[]).concat(c.result_key as string | string[]),
            ...(c.non_aggregate_keys ? { nonAggregateKeys: c.non_aggregate_keys as string[] } : {}),
          },
        ]),
      );
      expect({ service, table: PAGING[service as keyof typeof PAGING] ?? {} }).toEqual({ service, table: expected });
    }
  });
});

describe('mergePages (botocore PageIterator.build_full_result)', () => {
  const events = pagingModel('rds', 'DescribeEvents')!;

  it('concatenates the result lists and drops the tokens', () => {
    const pages = [{ Marker: 'm1', Events: [{ id: 1 }, { id: 2 }] }, { Marker: 'm2', Events: [{ id: 3 }] }, { Events: [] }];
    expect(mergePages(events, pages)).toEqual({ Events: [{ id: 1 }, { id: 2 }, { id: 3 }] });
    expect(pages[0].Events).toHaveLength(2); // the pages themselves are left as answered
    expect(pages.map((p) => nextToken(events, p))).toEqual(['m1', 'm2', undefined]);
  });

  it('merges every result key (DescribeAlarms: metric and composite alarms); a key no page has stays absent', () => {
    const alarms = pagingModel('cloudwatch', 'DescribeAlarms')!;
    expect(mergePages(alarms, [{ MetricAlarms: [1], NextToken: 't' }, { MetricAlarms: [2] }])).toEqual({ MetricAlarms: [1, 2] });
    expect(
      mergePages(alarms, [
        { MetricAlarms: [1], CompositeAlarms: ['a'] },
        { MetricAlarms: [], CompositeAlarms: ['b'] },
      ]),
    ).toEqual({
      MetricAlarms: [1],
      CompositeAlarms: ['a', 'b'],
    });
  });

  it('follows nested tokens and result keys (EngineDefaults.Marker, EngineDefaults.Parameters)', () => {
    const defaults = pagingModel('rds', 'DescribeEngineDefaultClusterParameters')!;
    const pages = [
      { EngineDefaults: { Marker: 'x', Parameters: [1], DBParameterGroupFamily: 'f' } },
      { EngineDefaults: { Parameters: [2] } },
    ];
    expect(nextToken(defaults, pages[0])).toBe('x');
    expect(mergePages(defaults, pages)).toEqual({ EngineDefaults: { Parameters: [1, 2] } });
  });

  it('keeps non-aggregate keys from the first page and joins string results', () => {
    expect(
      mergePages(pagingModel('rds', 'DescribeCertificates')!, [
        { DefaultCertificateForNewLaunches: 'a', Certificates: [1] },
        { DefaultCertificateForNewLaunches: 'b', Certificates: [2] },
      ]),
    ).toEqual({
      DefaultCertificateForNewLaunches: 'a',
      Certificates: [1, 2],
    });
    const log = pagingModel('rds', 'DownloadDBLogFilePortion')!;
    expect(mergePages(log, [{ LogFileData: 'a\n' }, { LogFileData: 'b\n' }])).toEqual({ LogFileData: 'a\nb\n' });
    // A token with AdditionalDataPending false is the end of the file, not another page.
    expect(nextToken(log, { Marker: 'm', AdditionalDataPending: false })).toBeUndefined();
    expect(nextToken(log, { Marker: 'm', AdditionalDataPending: true })).toBe('m');
  });

  it('is undefined for an operation the AWS CLI sends once, and for inherited names', () => {
    expect(pagingModel('rds', 'FailoverDBCluster')).toBeUndefined();
    expect(pagingModel('rds', 'toString')).toBeUndefined();
    expect(pagingModel('sts', 'GetCallerIdentity')).toBeUndefined();
  });
});
