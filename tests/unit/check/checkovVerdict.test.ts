import { type CheckovReport, checkovVerdict, parseSkipList } from '../../../scripts/check/checkovVerdict';

function failed(checkId: string, resource: string) {
  return { check_id: checkId, check_name: `name of ${checkId}`, resource, file_path: '/t.json' };
}

describe('parseSkipList', () => {
  it('reads ids and reasons, ignoring comments and blank lines', () => {
    const skips = parseSkipList('# why\n\nCKV_AWS_18: no log bucket\nCKV2_AWS_5: attached elsewhere\n');

    expect([...skips]).toEqual([
      ['CKV_AWS_18', 'no log bucket'],
      ['CKV2_AWS_5', 'attached elsewhere'],
    ]);
  });

  it('refuses an entry without a reason, naming the line', () => {
    expect(() => parseSkipList('CKV_AWS_18: fine\nCKV_AWS_21:\n')).toThrow(
      "line 2 is not 'CHECK_ID: reason'",
    );
  });
});

describe('checkovVerdict', () => {
  const skips = new Map([
    ['CKV_AWS_18', 'no log bucket'],
    ['CKV_AWS_21', 'intermediates'],
  ]);

  it('accounts skip-listed failures and reports the others', () => {
    const report: CheckovReport = {
      results: {
        failed_checks: [
          failed('CKV_AWS_18', 'AWS::S3::Bucket.Data'),
          failed('CKV_AWS_21', 'AWS::S3::Bucket.Data'),
          failed('CKV_AWS_27', 'AWS::SQS::Queue.Jobs'),
        ],
      },
    };

    expect(checkovVerdict([report], skips)).toEqual({
      failures: ['/t.json: AWS::SQS::Queue.Jobs: CKV_AWS_27 name of CKV_AWS_27'],
      stale: [],
      unparsed: [],
      skipped: 2,
    });
  });

  it('reports skips no failure needs and templates checkov could not parse', () => {
    const report: CheckovReport = {
      results: { failed_checks: [failed('CKV_AWS_18', 'AWS::S3::Bucket.Data')], parsing_errors: ['/x.json'] },
    };

    const verdict = checkovVerdict([report], skips);

    expect(verdict.stale).toEqual(['CKV_AWS_21']);
    expect(verdict.unparsed).toEqual(['/x.json']);
  });
});
