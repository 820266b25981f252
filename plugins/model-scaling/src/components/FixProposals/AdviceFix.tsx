import {
  BatchProfile,
  DynamicBatchingSetting,
  TritonModelFigures,
  fixIntentForBatchingAdvice,
} from '@internal/plugin-model-scaling-common';
import { useMemo } from 'react';
import { adviceSummary } from '../BatchingAdvice/adviceSummary';
import { BatchingAdviceOutcome } from '../BatchingAdvice/batchingAdviceFor';
import { ProposeFixButton } from './ProposeFixButton';

/**
 * "Propose this fix" under the batching advisor's recommended
 * `dynamic_batching`: the service's plan gets the advised preferred sizes
 * and queue delay, and its `config.pbtxt` what the template renders for them.
 */
export function AdviceFix(props: {
  model: TritonModelFigures;
  profile: BatchProfile;
  outcome: BatchingAdviceOutcome;
  preset?: DynamicBatchingSetting;
}) {
  const { model, profile, outcome, preset } = props;
  const fix = useMemo(() => {
    const summary = adviceSummary({ model, profile, outcome, preset });
    // A plan holds at least one preferred batch size: advice without any
    // (batch up to the maximum) is shown but is not a plan change to propose.
    if (!summary?.recommended?.preferredBatchSizes.length) return undefined;
    return fixIntentForBatchingAdvice(summary);
  }, [model, profile, outcome, preset]);
  return fix ? <ProposeFixButton fix={fix} /> : null;
}
