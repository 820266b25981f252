import fc from 'fast-check';
import {
  REDACTED,
  redactText,
  redactTriggerMetadata,
  TRIGGER_METADATA_VIEW_KEYS,
} from './redactTriggerMetadata';

describe('redactTriggerMetadata', () => {
  it('keeps the keys the views read and drops the rest', () => {
    expect(
      redactTriggerMetadata({
        serverAddress: 'http://prometheus.monitoring:9090',
        query: 'sum(rate(nv_inference_request_success[1m]))',
        threshold: '100',
        activationThreshold: '5',
        bootstrapServers: 'kafka:9092',
        sasl: 'plaintext',
        username: 'svc',
        password: 'hunter2',
        customHeaders: 'X-Api-Key=abc',
        activationFancy: '3',
        activationNote: 'not a number',
      }),
    ).toEqual({
      query: 'sum(rate(nv_inference_request_success[1m]))',
      threshold: '100',
      activationThreshold: '5',
      activationFancy: '3',
    });
  });

  describe('attack: secrets in KEDA trigger metadata reach every reader of the Scaling tab', () => {
    it('redacts user-info in URLs', () => {
      expect(
        redactTriggerMetadata({
          queueURL:
            'https://AKIDEXAMPLE:wJalrXUtnFEMI@sqs.eu-west-1.amazonaws.com/123/jobs',
        }),
      ).toEqual({
        queueURL: `https://${REDACTED}@sqs.eu-west-1.amazonaws.com/123/jobs`,
      });
    });

    it('redacts password-, token- and key-like URL parameters and matchers', () => {
      expect(
        redactTriggerMetadata({
          queueURL: 'https://q.example/jobs?X-Amz-Signature=abc123&region=eu',
          query:
            'sum(rate(http_requests_total{job="api",api_key="s3cr3t",token=~"tk.*"}[1m]))',
        }),
      ).toEqual({
        queueURL: `https://q.example/jobs?X-Amz-Signature=${REDACTED}&region=eu`,
        query: `sum(rate(http_requests_total{job="api",api_key="${REDACTED}",token=~"${REDACTED}"}[1m]))`,
      });
    });

    it('redacts values that are credentials themselves', () => {
      expect(
        redactText(
          'Bearer abc.def-ghi and AKIAIOSFODNN7EXAMPLE and eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl',
        ),
      ).toBe(`Bearer ${REDACTED} and ${REDACTED} and ${REDACTED}`);
    });

    it('leaves ordinary queries, topics and thresholds alone', () => {
      const metadata = {
        query:
          'sum(rate(nv_inference_request_success{model="resnet50",namespace="ml-serving"}[1m]))',
        topic: 'embeddings',
        consumerGroup: 'batch-embedder',
        lagThreshold: '50',
        queueURL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs',
      };
      expect(redactTriggerMetadata(metadata)).toEqual(metadata);
    });
  });

  describe('properties', () => {
    const secret = fc
      .stringMatching(/^[A-Za-z0-9]{12,24}$/)
      .map(s => `Zq9${s}`);
    const secretKey = fc.constantFrom(
      'password',
      'token',
      'apiKey',
      'api_key',
      'secretAccessKey',
      'connectionString',
      'authToken',
    );
    const anyMetadata = fc.dictionary(
      fc.oneof(
        fc.constantFrom(...TRIGGER_METADATA_VIEW_KEYS),
        fc.string({ maxLength: 12 }),
      ),
      fc.string({ maxLength: 40 }),
      { maxKeys: 8 },
    );

    it('a secret under a key-like name, in URL user-info or in a key-like parameter never comes out', () => {
      fc.assert(
        fc.property(anyMetadata, secret, secretKey, (metadata, s, key) => {
          const out = redactTriggerMetadata({
            ...metadata,
            [key]: s,
            queueURL: `https://user:${s}@q.example/x?${key}=${s}`,
            query: `sum(x{${key}="${s}"})`,
            serverAddress: `http://admin:${s}@prom:9090`,
          });
          expect(JSON.stringify(out)).not.toContain(s);
        }),
      );
    });

    it('keeps only view keys, and is idempotent', () => {
      fc.assert(
        fc.property(anyMetadata, metadata => {
          const out = redactTriggerMetadata(metadata);
          for (const k of Object.keys(out)) {
            expect(
              (TRIGGER_METADATA_VIEW_KEYS as readonly string[]).includes(k) ||
                /^activation[A-Z]/.test(k),
            ).toBe(true);
          }
          expect(redactTriggerMetadata(out)).toEqual(out);
        }),
      );
    });

    it('numeric thresholds pass unchanged', () => {
      fc.assert(
        fc.property(
          fc.constantFrom('threshold', 'lagThreshold', 'queueLength', 'value'),
          fc.double({ min: 0, max: 1e9, noNaN: true }).map(String),
          (key, value) => {
            expect(redactTriggerMetadata({ [key]: value })).toEqual({
              [key]: value,
            });
          },
        ),
      );
    });
  });
});

describe('redactText, remembered', () => {
  it('answers a text asked again exactly as the first time', () => {
    const secretish = fc.oneof(
      fc.string(),
      fc
        .tuple(
          fc.constantFrom('password=', 'token: ', 'https://u:'),
          fc.string(),
        )
        .map(([a, b]) => `${a}${b}@host`),
    );
    fc.assert(
      fc.property(fc.array(secretish, { maxLength: 20 }), texts => {
        const first = texts.map(redactText);
        // Again, in another order: remembered answers equal the first ones.
        const again = [...texts].reverse().map(redactText).reverse();
        expect(again).toEqual(first);
      }),
    );
  });

  it('still redacts a remembered text', () => {
    const text = 'postgres://user:hunter2@db:5432/app';
    expect(redactText(text)).not.toContain('hunter2');
    expect(redactText(text)).not.toContain('hunter2');
  });
});
