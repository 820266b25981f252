import fc from 'fast-check';
import { parse } from 'yaml';
import {
  rawDeployment,
  rawHpa,
  rawScaledObject,
} from './__fixtures__/rawObjects';
import {
  AUTOSCALER_MANIFEST_LIMITS,
  autoscalerManifestYaml,
  toAutoscalerManifest,
} from './autoscalerManifest';
import { REDACTED } from './redactTriggerMetadata';
import { toSlimHpa } from './toSlimHpa';
import { LAST_APPLIED_ANNOTATION } from './toSlimMeta';
import { toSlimScaledObject } from './toSlimScaledObject';
import { buildWorkloadStatus } from '../workload/buildWorkloadStatus';
import { toSlimDeployment } from './toSlimDeployment';

const SECRET = 'Zq9hunter2secretvalue';

/** A ScaledObject as the API server returns it after `kubectl apply`, with credentials inline. */
const appliedScaledObject = {
  ...rawScaledObject,
  metadata: {
    ...rawScaledObject.metadata,
    uid: '7b1d4c0e-1f7a-4a55-9a55-2f0c8b0f9d11',
    resourceVersion: '48213',
    generation: 3,
    ownerReferences: [{ kind: 'Something', name: 'x', uid: 'y' }],
    managedFields: [
      { manager: 'kubectl-client-side-apply', operation: 'Update' },
    ],
    annotations: {
      [LAST_APPLIED_ANNOTATION]: JSON.stringify({
        spec: { triggers: [{ metadata: { password: SECRET } }] },
      }),
      'team.example.com/owner': 'ml-platform',
    },
  },
  spec: {
    ...rawScaledObject.spec,
    triggers: [
      {
        type: 'prometheus',
        name: 'rps',
        metadata: {
          serverAddress: `http://admin:${SECRET}@prometheus.monitoring:9090`,
          query: `sum(rate(nv_inference_request_success{model="resnet50",api_key="${SECRET}"}[1m]))`,
          threshold: '100',
          activationThreshold: '5',
          password: SECRET,
        },
        authenticationRef: { name: 'prometheus-auth' },
      },
    ],
  },
};

describe('toAutoscalerManifest', () => {
  it('copies an HPA: apiVersion, kind, name, namespace, labels, spec and status', () => {
    const manifest = toAutoscalerManifest('HorizontalPodAutoscaler', rawHpa);
    expect(manifest).toEqual({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: {
        name: 'text-classifier',
        namespace: 'ml-serving',
        labels: { 'app.kubernetes.io/name': 'text-classifier' },
      },
      spec: rawHpa.spec,
      status: rawHpa.status,
    });
  });

  it('leaves out last-applied-configuration, managedFields, uid, owner references and resourceVersion', () => {
    const manifest = toAutoscalerManifest('ScaledObject', appliedScaledObject);
    expect(manifest.metadata).toEqual({
      name: 'image-classifier',
      namespace: 'ml-serving',
      labels: { 'scaledobject.keda.sh/name': 'image-classifier' },
      annotations: { 'team.example.com/owner': 'ml-platform' },
    });
  });

  it('attack: credentials in trigger metadata or the last applied copy never reach the YAML view', () => {
    const manifest = toAutoscalerManifest('ScaledObject', appliedScaledObject);
    expect(JSON.stringify(manifest)).not.toContain(SECRET);
    const trigger = (manifest.spec!.triggers as Record<string, unknown>[])[0];
    // Same rules as the slim triggers: only the keys the views read, redacted
    expect(trigger).toEqual({
      type: 'prometheus',
      name: 'rps',
      metadata: {
        query: `sum(rate(nv_inference_request_success{model="resnet50",api_key="${REDACTED}"}[1m]))`,
        threshold: '100',
        activationThreshold: '5',
      },
      authenticationRef: { name: 'prometheus-auth' },
    });
    // The rest of the spec is kept as it is
    expect(manifest.spec!.fallback).toEqual({
      failureThreshold: 3,
      replicas: 4,
    });
    expect(manifest.status!.hpaName).toBe('keda-hpa-image-classifier');
  });

  it('redacts credential-looking text anywhere, also outside trigger metadata', () => {
    const manifest = toAutoscalerManifest('HorizontalPodAutoscaler', {
      ...rawHpa,
      metadata: {
        ...rawHpa.metadata,
        annotations: { 'example.com/endpoint': `https://u:${SECRET}@host/x` },
      },
    });
    expect(JSON.stringify(manifest)).not.toContain(SECRET);
    expect(manifest.metadata.annotations).toEqual({
      'example.com/endpoint': `https://${REDACTED}@host/x`,
    });
  });

  it('writes the timestamps @kubernetes/client-node gives as Dates as ISO strings', () => {
    const manifest = toAutoscalerManifest('HorizontalPodAutoscaler', {
      ...rawHpa,
      status: {
        ...rawHpa.status,
        lastScaleTime: new Date('2026-11-28T09:58:13Z'),
      },
    });
    expect(manifest.status!.lastScaleTime).toBe('2026-11-28T09:58:13.000Z');
  });

  it('cuts long strings, long lists and many keys, and says where', () => {
    const { maxStringLength, maxArrayItems } = AUTOSCALER_MANIFEST_LIMITS;
    const query = `sum(rate(x[1m]))${' or vector(0)'.repeat(400)}`;
    const manifest = toAutoscalerManifest('ScaledObject', {
      ...rawScaledObject,
      spec: {
        ...rawScaledObject.spec,
        triggers: [{ type: 'prometheus', metadata: { query, threshold: '1' } }],
      },
      status: {
        conditions: Array.from({ length: 100 }, (_, i) => ({
          type: `C${i}`,
          status: 'True',
        })),
      },
    });
    const trigger = (manifest.spec!.triggers as any[])[0];
    expect(trigger.metadata.query).toHaveLength(maxStringLength + 1);
    expect(trigger.metadata.query.endsWith('…')).toBe(true);
    expect(manifest.status!.conditions).toHaveLength(maxArrayItems);
    expect(manifest.truncated).toEqual([
      `spec.triggers[0].metadata.query: first ${maxStringLength} of ${query.length} characters`,
      `status.conditions: first ${maxArrayItems} of 100 items`,
    ]);
  });

  it('leaves out status, then spec, when the copy would be too large', () => {
    const big = Array.from({ length: 30 }, (_, i) => ({
      type: `Condition${i}`,
      status: 'False',
      message: 'm'.repeat(1500),
    }));
    const manifest = toAutoscalerManifest('HorizontalPodAutoscaler', {
      ...rawHpa,
      status: { ...rawHpa.status, conditions: big },
    });
    expect(manifest.status).toBeUndefined();
    expect(manifest.spec).toEqual(rawHpa.spec);
    expect(manifest.truncated).toHaveLength(1);
    expect(manifest.truncated![0]).toMatch(
      /^status: left out, the copy was \d+ characters \(limit 16384\)$/,
    );
  });

  it('leaves out a part that is short in characters but long as JSON (escaped control characters)', () => {
    // 2 × 2,000 characters, each written as a six-character \\u escape: 24 KB of JSON.
    const escaped = '\u0001'.repeat(2000);
    const manifest = toAutoscalerManifest('HorizontalPodAutoscaler', {
      metadata: { name: 'x' },
      spec: { minReplicas: 1 },
      status: { a: escaped, b: escaped },
    });
    expect(manifest.status).toBeUndefined();
    expect(manifest.spec).toEqual({ minReplicas: 1 });
    expect(manifest.truncated?.[0]).toMatch(/^status: left out/);
  });

  it('throws naming the field when metadata is not an object', () => {
    expect(() =>
      toAutoscalerManifest('HorizontalPodAutoscaler', {
        ...rawHpa,
        metadata: 'text-classifier',
      }),
    ).toThrow('HorizontalPodAutoscaler metadata must be an object');
  });

  it('property: whatever the object holds, the copy stays within its bounds', () => {
    const { maxJsonLength, maxTruncationNotes } = AUTOSCALER_MANIFEST_LIMITS;
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ maxLength: 20 }), fc.string(), {
          maxKeys: 80,
        }),
        fc.anything({ maxDepth: 14, maxKeys: 60 }),
        fc.anything({ maxDepth: 4 }),
        fc.string({ minLength: 0, maxLength: 6000 }),
        (annotations, spec, status, long) => {
          const manifest = toAutoscalerManifest('HorizontalPodAutoscaler', {
            metadata: {
              name: 'x',
              annotations: { ...annotations, long },
              labels: annotations,
            },
            spec: { spec, long },
            status: { status },
          });
          const { truncated, ...rest } = manifest;
          expect(JSON.stringify(rest).length).toBeLessThanOrEqual(
            maxJsonLength,
          );
          expect((truncated ?? []).length).toBeLessThanOrEqual(
            maxTruncationNotes + 1,
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('the slim records carry the manifest', () => {
  it('toSlimHpa and toSlimScaledObject keep it; no record keeps the last applied copy', () => {
    expect(toSlimHpa(rawHpa, 'demo').manifest?.spec).toEqual(rawHpa.spec);
    const so = toSlimScaledObject(appliedScaledObject, 'demo');
    expect(so.manifest?.metadata.name).toBe('image-classifier');
    expect(JSON.stringify(so)).not.toContain(SECRET);
    expect(so.meta.annotations).toEqual({
      'team.example.com/owner': 'ml-platform',
    });
  });
});

describe('the status document carries the manifests', () => {
  it('the ScaledObject and the HPA KEDA made for it reach the workload status', () => {
    const deployment = toSlimDeployment(rawDeployment, 'demo');
    const kedaHpa = toSlimHpa(
      {
        ...rawHpa,
        metadata: {
          name: 'keda-hpa-image-classifier',
          namespace: 'ml-serving',
        },
        spec: {
          ...rawHpa.spec,
          scaleTargetRef: { kind: 'Deployment', name: 'image-classifier' },
        },
      },
      'demo',
    );
    const status = buildWorkloadStatus({
      cluster: 'demo',
      deployment,
      hpas: [kedaHpa],
      scaledObjects: [toSlimScaledObject(appliedScaledObject, 'demo')],
    });
    expect(status.autoscaler.keda?.manifest?.kind).toBe('ScaledObject');
    expect(status.autoscaler.hpa?.manifest?.metadata.name).toBe(
      'keda-hpa-image-classifier',
    );
    expect(JSON.stringify(status)).not.toContain(SECRET);
  });
});

describe('autoscalerManifestYaml', () => {
  it('writes YAML that reads back as the manifest, in kubectl order', () => {
    const manifest = toAutoscalerManifest('ScaledObject', appliedScaledObject);
    const text = autoscalerManifestYaml(manifest);
    expect(parse(text)).toEqual(manifest);
    expect(text.split('\n').slice(0, 3)).toEqual([
      'apiVersion: keda.sh/v1alpha1',
      'kind: ScaledObject',
      'metadata:',
    ]);
    expect(text.indexOf('\nspec:')).toBeLessThan(text.indexOf('\nstatus:'));
    // Long queries stay on one line
    expect(text).toContain(
      '      query: sum(rate(nv_inference_request_success{model="resnet50",api_key="[redacted]"}[1m]))\n',
    );
  });

  it('says on top what was shortened', () => {
    const text = autoscalerManifestYaml({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'x' },
      truncated: ['status: left out, the copy was 20000 characters'],
    });
    expect(text).toBe(
      [
        '# Shortened to keep the copy small:',
        '#   - status: left out, the copy was 20000 characters',
        '',
        'apiVersion: autoscaling/v2',
        'kind: HorizontalPodAutoscaler',
        'metadata:',
        '  name: x',
        '',
      ].join('\n'),
    );
  });
});
