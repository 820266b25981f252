import {
  FIX_TEMPLATE_REF,
  fixTaskValues,
  parseFixProposalResult,
} from './fixTemplate';
import { scaleDownFix, scaleDownResult } from './testing/FakeScaffolder';

describe('fixTaskValues', () => {
  it('passes the entity, the fixes and the dry-run flag as the template parameters', () => {
    expect(
      fixTaskValues({
        entityRef: 'component:default/text-classifier',
        fixes: [scaleDownFix],
        dryRun: true,
      }),
    ).toEqual({
      entityRef: 'component:default/text-classifier',
      dryRun: true,
      fixes: [scaleDownFix],
    });
  });

  it('passes fix ids (preset drift) and leaves out empty lists', () => {
    expect(
      fixTaskValues({
        entityRef: 'component:default/summarizer',
        fixIds: ['preset:bursty'],
        fixes: [],
        dryRun: false,
      }),
    ).toEqual({
      entityRef: 'component:default/summarizer',
      dryRun: false,
      fixIds: ['preset:bursty'],
    });
  });

  it('names the template the pages run', () => {
    expect(FIX_TEMPLATE_REF).toBe('template:default/apply-scaling-fixes');
  });
});

describe('parseFixProposalResult', () => {
  it('reads the action output passed on at the top level of the task output', () => {
    const result = scaleDownResult(false);
    expect(parseFixProposalResult({ ...result, links: [], text: [] })).toEqual(
      result,
    );
  });

  it('reads the action output passed on under "result"', () => {
    const result = scaleDownResult(true);
    expect(parseFixProposalResult({ result })).toEqual(result);
  });

  it('reads the fields of a skipped step (a dry run) as absent', () => {
    const result = scaleDownResult(true);
    const parsed = parseFixProposalResult({
      result: {
        ...result,
        dryRun: 'true',
        branch: '',
        commit: '',
        pullRequestUrl: '',
        url: '',
      },
    });
    expect(parsed.dryRun).toBe(true);
    expect(parsed.branch).toBeUndefined();
    expect(parsed.commit).toBeUndefined();
    expect(parsed.pullRequestUrl).toBeUndefined();
  });

  it('names the field and the rule when the output is not a fix result', () => {
    expect(() => parseFixProposalResult({ diff: 42 })).toThrow(
      /field "dryRun": Required/,
    );
    expect(() =>
      parseFixProposalResult({
        result: { ...scaleDownResult(false), pullRequestUrl: 'not a url' },
      }),
    ).toThrow(/field "result.pullRequestUrl": Invalid url/);
    expect(() => parseFixProposalResult(undefined)).toThrow(
      /unexpected output/,
    );
  });
});
