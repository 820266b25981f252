import { scaffolderApiRef } from '@backstage/plugin-scaffolder-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { BringToPreset } from './BringToPreset';
import { PresetTarget } from './presetFixes';
import {
  FakeScaffolder,
  WAIT,
  scaleDownResult,
} from './testing/FakeScaffolder';

// Several dialogs and tasks per test on a machine that may be busy.
jest.setTimeout(120_000);

const textClassifier: PresetTarget = {
  entityRef: 'component:default/text-classifier',
  name: 'text-classifier',
  title: 'Text classifier',
  pattern: 'realtime-cpu',
  drift: [
    { field: 'hpa.spec.minReplicas', expected: '2', actual: '1' },
    {
      field: 'hpa.spec.behavior.scaleDown.stabilizationWindowSeconds',
      expected: '60',
      actual: '300 (Kubernetes default)',
    },
  ],
};
const summarizer: PresetTarget = {
  entityRef: 'component:default/summarizer',
  name: 'summarizer',
  title: 'Summarizer',
  pattern: 'bursty',
  drift: [
    {
      field: 'scaledObject.spec.cooldownPeriod',
      expected: '300',
      actual: '60',
    },
  ],
};
const noRepo: PresetTarget = {
  entityRef: 'component:default/batch-embedder',
  name: 'batch-embedder',
  title: 'Batch embedder',
  pattern: 'async-batch',
  drift: [
    {
      field: 'scaledObject.spec.maxReplicaCount',
      expected: '20',
      actual: '40',
    },
  ],
};
const onPreset: PresetTarget = {
  entityRef: 'component:default/image-classifier',
  name: 'image-classifier',
  pattern: 'realtime-gpu',
  drift: [],
};

function committed(entityRef: string) {
  const name = entityRef.split('/')[1];
  return {
    ...scaleDownResult(false),
    branch: `model-scaling/fix-${name}`,
  };
}

async function renderWith(
  scaffolder: FakeScaffolder,
  services: PresetTarget[],
) {
  const onProposed = jest.fn();
  await renderInTestApp(
    <TestApiProvider apis={[[scaffolderApiRef, scaffolder]]}>
      <BringToPreset services={services} onProposed={onProposed} />
    </TestApiProvider>,
  );
  return onProposed;
}

describe('BringToPreset', () => {
  it('proposes one change per drifted service, lists the changes with their links, and shows each failure next to its service', async () => {
    const scaffolder = new FakeScaffolder(values => {
      const ref = values.entityRef as string;
      if (ref === noRepo.entityRef) {
        return {
          error: `${ref} has no backstage.io/source-location annotation; the fix needs the service repository`,
        };
      }
      if (ref === summarizer.entityRef && values.dryRun === false) {
        return {
          error:
            'The repository changed since the fix was computed; nothing was written. k8s/scaledobject.yaml ScaledObject/summarizer spec.cooldownPeriod: expected 60, found 90',
        };
      }
      return {
        output: (values.dryRun ? scaleDownResult(true) : committed(ref)) as any,
      };
    });
    const onProposed = await renderWith(scaffolder, [
      textClassifier,
      summarizer,
      noRepo,
      onPreset,
    ]);

    // The service without drift is not part of it
    expect(
      screen.getByText('1 selected service has no drift a file change can fix'),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Bring to preset (3)' }),
    );
    const dialog = within(await screen.findByRole('dialog'));
    // Dry runs first, one per service, with the fixes of its drift
    const propose = await dialog.findByRole(
      'button',
      { name: 'Propose 2 changes' },
      WAIT,
    );
    await waitFor(() => expect(propose).toBeEnabled(), WAIT);
    expect(
      scaffolder.requests.map(r => [r.values.entityRef, r.values.dryRun]),
    ).toEqual(
      expect.arrayContaining([
        [textClassifier.entityRef, true],
        [summarizer.entityRef, true],
        [noRepo.entityRef, true],
      ]),
    );
    const first = scaffolder.requests.find(
      r => r.values.entityRef === textClassifier.entityRef,
    )!;
    expect((first.values.fixes as any[]).map(f => f.id)).toEqual([
      'hpa.spec.minReplicas:service',
      'hpa.spec.behavior.scaleDown.stabilizationWindowSeconds:service',
    ]);
    const noRepoSection = within(
      dialog.getByRole('region', { name: 'Change for Batch embedder' }),
    );
    expect(noRepoSection.getByTestId('preset-error')).toHaveTextContent(
      'Could not compute the change; nothing proposed for this service. component:default/batch-embedder has no backstage.io/source-location annotation',
    );
    expect(dialog.getAllByLabelText(/Diff for/).length).toBeGreaterThan(0);

    await userEvent.click(propose);
    const summary = await dialog.findByTestId('preset-summary', {}, WAIT);
    expect(summary).toHaveTextContent('1 change proposed, 2 not proposed.');
    const list = within(
      within(summary).getByRole('list', { name: 'Changes proposed' }),
    );
    expect(list.getAllByRole('listitem').map(li => li.textContent)).toEqual([
      'Text classifier: branch model-scaling/fix-text-classifier, commit 3f2a9c1',
    ]);
    expect(
      within(
        dialog.getByRole('region', { name: 'Change for Summarizer' }),
      ).getByTestId('preset-error'),
    ).toHaveTextContent(
      'Not proposed; nothing was written for this service. The repository changed since the fix was computed',
    );
    // Only the services whose dry run succeeded were proposed
    expect(
      scaffolder.requests
        .filter(r => r.values.dryRun === false)
        .map(r => r.values.entityRef)
        .sort(),
    ).toEqual([summarizer.entityRef, textClassifier.entityRef].sort());

    expect(onProposed).not.toHaveBeenCalled();
    await userEvent.click(dialog.getByRole('button', { name: 'Close' }));
    expect(onProposed).toHaveBeenCalled();
  });

  it('is disabled when no selected service has drift a file change can fix', async () => {
    await renderWith(new FakeScaffolder(() => ({ output: {} })), [onPreset]);
    expect(
      screen.getByRole('button', { name: 'Bring to preset' }),
    ).toBeDisabled();
  });
});
