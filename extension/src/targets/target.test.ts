import { awsTargetSpec } from './target';

describe('awsTargetSpec', () => {
  it('is absent until a region, profile or endpoint is set (the sandbox needs none)', () => {
    expect(awsTargetSpec({ profile: '', region: ' ', endpoint: '' })).toBeUndefined();
  });

  it('describes the profile and region, defaulting the region when only a profile is given', () => {
    expect(awsTargetSpec({ profile: 'oncall', region: '', endpoint: '' })).toEqual({
      id: 'aws:oncall@us-east-1',
      kind: 'aws',
      label: 'AWS oncall',
      region: 'us-east-1',
      endpoint: undefined,
      profile: 'oncall',
      timeScale: 1,
    });
  });

  it('uses the standard credential chain without a profile, and keeps a custom endpoint in the id', () => {
    expect(awsTargetSpec({ profile: '', region: 'eu-west-1', endpoint: 'http://127.0.0.1:4566' })).toMatchObject({
      id: 'aws:default@eu-west-1@http://127.0.0.1:4566',
      label: 'AWS default credentials',
      profile: undefined,
      endpoint: 'http://127.0.0.1:4566',
    });
  });
});
