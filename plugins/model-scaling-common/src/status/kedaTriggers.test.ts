import { kedaTargetKey } from './kedaTriggers';

describe('kedaTargetKey', () => {
  it('names the scaler’s own target key, present or not', () => {
    expect(kedaTargetKey('prometheus', { threshold: '100' })).toBe('threshold');
    expect(kedaTargetKey('kafka', {})).toBe('lagThreshold');
    expect(kedaTargetKey('aws-sqs-queue', { queueLength: '5' })).toBe(
      'queueLength',
    );
  });

  it('prefers the key present among a scaler’s alternatives', () => {
    expect(kedaTargetKey('rabbitmq', { queueLength: '20' })).toBe(
      'queueLength',
    );
    expect(kedaTargetKey('rabbitmq', { value: '20' })).toBe('value');
  });

  it('falls back to a generic key present, else threshold, for other scalers', () => {
    expect(kedaTargetKey('new-scaler', { targetValue: '3' })).toBe(
      'targetValue',
    );
    expect(kedaTargetKey('new-scaler', {})).toBe('threshold');
  });
});
