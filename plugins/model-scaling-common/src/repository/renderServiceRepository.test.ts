import { parseAllDocuments } from 'yaml';
import { examplePlans } from '../render/__testUtils__/examplePlans';
import { PLAN_FILE_PATH } from '../fixes/types';
import {
  LOAD_TEST_SCRIPT_PATH,
  renderServiceRepository,
  SCALING_DOC_PATH,
} from './renderServiceRepository';

describe('renderServiceRepository', () => {
  const plans = examplePlans();

  it.each(Object.keys(plans))(
    'renders every file of the %s repository once, and the doc lists exactly those files',
    pattern => {
      const plan = plans[pattern as keyof typeof plans];
      const { files } = renderServiceRepository(plan);
      const paths = files.map(f => f.path);
      expect(new Set(paths).size).toBe(paths.length);
      expect(paths).toEqual(
        expect.arrayContaining([
          LOAD_TEST_SCRIPT_PATH,
          PLAN_FILE_PATH,
          SCALING_DOC_PATH,
        ]),
      );
      expect(paths.some(p => p.startsWith('k8s/'))).toBe(true);
      expect(paths.some(p => p.endsWith('config.pbtxt'))).toBe(
        plan.triton !== undefined,
      );
      const doc = files.find(f => f.path === SCALING_DOC_PATH)!.content;
      for (const path of paths) expect(doc).toContain(path);
      for (const f of files.filter(x => x.path.endsWith('.yaml'))) {
        for (const d of parseAllDocuments(f.content)) {
          expect(d.errors).toEqual([]);
        }
      }
      expect(files.filter(f => f.executable).map(f => f.path)).toEqual([
        LOAD_TEST_SCRIPT_PATH,
      ]);
    },
  );

  it('records the plan it rendered, so a fix can re-render the same repository', () => {
    const plan = plans['realtime-gpu'];
    const { files } = renderServiceRepository(plan);
    const recorded = JSON.parse(
      files.find(f => f.path === PLAN_FILE_PATH)!.content,
    );
    expect(renderServiceRepository(recorded).files).toEqual(files);
  });

  it('takes the plan check it is given for the doc and the findings', () => {
    const plan = plans['realtime-cpu'];
    const finding = {
      id: 'custom',
      severity: 'warning' as const,
      title: 'A custom check',
    };
    const { findings, files } = renderServiceRepository(plan, {
      checkPlan: () => [finding as any],
    });
    expect(findings).toEqual([finding]);
    expect(files.find(f => f.path === SCALING_DOC_PATH)!.content).toContain(
      'A custom check',
    );
  });
});
