import { Tooltip, Typography } from '@material-ui/core';
import { DriftItem } from '@internal/plugin-model-scaling-common';
import { StatusOK, StatusWarning } from '@backstage/core-components';

/** Drift from the golden-path presets: a count, with each field expected vs actual on hover. */
export function DriftCell(props: { drift: DriftItem[] }) {
  const { drift } = props;
  if (drift.length === 0) {
    return <StatusOK>on preset</StatusOK>;
  }
  return (
    <Tooltip
      title={
        <>
          {drift.map(item => (
            <Typography key={item.field} variant="caption" component="div">
              {item.field}: expected {item.expected}, actual {item.actual}
            </Typography>
          ))}
        </>
      }
    >
      <span>
        <StatusWarning>
          {drift.length} field{drift.length === 1 ? '' : 's'} drifted
        </StatusWarning>
      </span>
    </Tooltip>
  );
}
