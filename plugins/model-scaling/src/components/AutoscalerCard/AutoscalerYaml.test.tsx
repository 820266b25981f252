import { renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  AutoscalerManifest,
  WorkloadStatus,
} from '@internal/plugin-model-scaling-common';
import {
  imageClassifierStatus,
  textClassifierStatus,
} from '../../__fixtures__';
import { AutoscalerCard } from './AutoscalerCard';
import { AutoscalerYaml } from './AutoscalerYaml';

const scaledObject: AutoscalerManifest = {
  apiVersion: 'keda.sh/v1alpha1',
  kind: 'ScaledObject',
  metadata: { name: 'image-classifier', namespace: 'ml-serving' },
  spec: {
    scaleTargetRef: { name: 'image-classifier' },
    minReplicaCount: 1,
    maxReplicaCount: 8,
    triggers: [
      {
        type: 'prometheus',
        metadata: {
          query:
            'sum(rate(nv_inference_request_success{model="resnet50"}[1m]))',
          threshold: '100',
        },
      },
    ],
  },
  status: { hpaName: 'keda-hpa-image-classifier' },
};

const kedaHpa: AutoscalerManifest = {
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'keda-hpa-image-classifier', namespace: 'ml-serving' },
  spec: { minReplicas: 1, maxReplicas: 8 },
};

function withManifests(
  workload: WorkloadStatus,
  manifests: { keda?: AutoscalerManifest; hpa?: AutoscalerManifest },
): WorkloadStatus {
  const { autoscaler } = workload;
  return {
    ...workload,
    autoscaler: {
      ...autoscaler,
      ...(autoscaler.keda && manifests.keda
        ? { keda: { ...autoscaler.keda, manifest: manifests.keda } }
        : {}),
      ...(autoscaler.hpa && manifests.hpa
        ? { hpa: { ...autoscaler.hpa, manifest: manifests.hpa } }
        : {}),
    },
  };
}

describe('AutoscalerYaml', () => {
  it('is collapsed at first and shows each object as YAML when opened', async () => {
    await renderInTestApp(
      <AutoscalerYaml manifests={[scaledObject, kedaHpa]} />,
    );
    const toggle = screen.getByRole('button', {
      name: /YAML · ScaledObject image-classifier, HorizontalPodAutoscaler keda-hpa-image-classifier/,
    });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByTestId('autoscaler-yaml')).not.toBeInTheDocument();

    fireEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const blocks = await screen.findAllByTestId('autoscaler-yaml');
    expect(blocks).toHaveLength(2);
    // The objects' YAML, in kubectl's order
    expect(blocks[0].textContent).toMatch(
      /^apiVersion: keda\.sh\/v1alpha1\nkind: ScaledObject\nmetadata:\n {2}name: image-classifier\n/,
    );
    expect(blocks[0].textContent).toContain(
      '    - type: prometheus\n      metadata:\n        query: sum(rate(nv_inference_request_success{model="resnet50"}[1m]))\n',
    );
    expect(blocks[1].textContent).toBe(
      [
        'apiVersion: autoscaling/v2',
        'kind: HorizontalPodAutoscaler',
        'metadata:',
        '  name: keda-hpa-image-classifier',
        '  namespace: ml-serving',
        'spec:',
        '  minReplicas: 1',
        '  maxReplicas: 8',
        '',
      ].join('\n'),
    );
    expect(
      screen.getByText(/credentials redacted/, { exact: false }),
    ).toBeInTheDocument();
  });

  it('copies the YAML of one object', async () => {
    const writeText = jest.fn();
    // react-use's useCopyToClipboard writes through copy-to-clipboard, which uses execCommand
    document.execCommand = jest.fn(() => {
      writeText();
      return true;
    });
    await renderInTestApp(<AutoscalerYaml manifests={[kedaHpa]} />);
    fireEvent.click(screen.getByRole('button', { name: /YAML/ }));
    const figure = await screen.findByRole('figure', {
      name: 'YAML of HorizontalPodAutoscaler/keda-hpa-image-classifier',
    });
    fireEvent.click(
      within(figure).getByRole('button', {
        name: 'Copy the YAML of HorizontalPodAutoscaler/keda-hpa-image-classifier',
      }),
    );
    await waitFor(() => expect(writeText).toHaveBeenCalled());
    expect(document.execCommand).toHaveBeenCalledWith('copy');
    // A plain HPA says nothing about KEDA trigger metadata
    expect(screen.queryByText(/KEDA trigger metadata/)).not.toBeInTheDocument();
  });

  it('says what was shortened on top of the YAML', async () => {
    await renderInTestApp(
      <AutoscalerYaml
        manifests={[
          {
            ...kedaHpa,
            truncated: ['status: left out, the copy was 20000 characters'],
          },
        ]}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: /YAML/ }));
    const block = await screen.findByTestId('autoscaler-yaml');
    expect(block.textContent).toMatch(
      /^# Shortened to keep the copy small:\n# {3}- status: left out/,
    );
  });

  it('renders nothing without manifests', async () => {
    await renderInTestApp(<AutoscalerYaml manifests={[]} />);
    expect(
      screen.queryByRole('button', { name: /YAML/ }),
    ).not.toBeInTheDocument();
  });
});

describe('AutoscalerCard YAML view', () => {
  it('lists the ScaledObject and the HPA KEDA made for it', async () => {
    const workload = withManifests(imageClassifierStatus.workloads[0], {
      keda: scaledObject,
      hpa: kedaHpa,
    });
    await renderInTestApp(
      <AutoscalerCard
        workload={workload}
        generatedAt={imageClassifierStatus.generatedAt}
      />,
    );
    expect(
      screen.getByRole('button', {
        name: /YAML · ScaledObject image-classifier, HorizontalPodAutoscaler keda-hpa-image-classifier/,
      }),
    ).toBeInTheDocument();
  });

  it('shows no YAML section when the backend sent no manifest', async () => {
    await renderInTestApp(
      <AutoscalerCard
        workload={textClassifierStatus.workloads[0]}
        generatedAt={textClassifierStatus.generatedAt}
      />,
    );
    expect(
      screen.queryByRole('button', { name: /^YAML/ }),
    ).not.toBeInTheDocument();
  });
});
