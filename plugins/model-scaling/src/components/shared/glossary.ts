/**
 * Plain-words explanations of the KEDA and Triton terms the cards show, for their tooltips.
 * One entry per term; the wording follows the upstream documentation of each field.
 */
export const GLOSSARY = {
  pollingInterval:
    'KEDA polling interval: how often KEDA asks each trigger for its metric and decides between 0 and 1 replica. Above 1, the HPA that KEDA created scales on its own sync period.',
  cooldownPeriod:
    'KEDA cooldown period: how long every trigger must stay inactive before KEDA scales from 1 to 0 replicas (or to the idle count). It does not apply between other replica counts.',
  idleReplicaCount:
    'KEDA idle replicas: the replica count KEDA keeps while no trigger is active, instead of the minimum.',
  fallback:
    'KEDA fallback: after this many failed metric reads in a row, KEDA holds the workload at the fallback replica count until a read succeeds again.',
  threshold:
    'Threshold: the metric value per replica that the HPA created by KEDA aims for (AverageValue target).',
  activationThreshold:
    'Activation threshold: the metric must be above this value for KEDA to count the trigger as active and scale from 0 to 1.',
  active:
    'Active: at least one trigger is above its activation threshold, so KEDA keeps the workload above zero (or above its idle count).',
  preferredBatchSize:
    'Preferred batch sizes: Triton’s dynamic batcher sends a batch as soon as it can form one of these sizes from waiting requests.',
  maxQueueDelay:
    'Max queue delay: how long Triton’s dynamic batcher lets the oldest request wait for a preferred batch to form before it sends what it has.',
  averageBatch:
    'Average batch: inferences per execution over the sampling interval (Δ inference count / Δ execution count); 1 means no batching happened.',
  queueTime:
    'Queue time: the average time a request waited in Triton’s scheduler queue before its batch started.',
  computeTime:
    'Compute time: the average time one batch took on the model instance (input, inference and output).',
  pendingRequests:
    'Pending requests: requests Triton has received and not yet started, at the moment of the sample.',
} as const;

/** A term that has an explanation in {@link GLOSSARY}. */
export type GlossaryTerm = keyof typeof GLOSSARY;
