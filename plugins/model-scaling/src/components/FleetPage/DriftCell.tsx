import { Typography } from '@material-ui/core';
import {
  DriftItem,
  driftInWords,
  PatternId,
} from '@internal/plugin-model-scaling-common';
import { StatusOK, StatusWarning } from '@backstage/core-components';

/** Props of {@link DriftCell}. */
export interface DriftCellProps {
  drift: DriftItem[];
  pattern?: PatternId;
  /** False for a service with no workload: nothing can drift, nothing is on preset. */
  deployed?: boolean;
}

/** Drift from the golden-path preset, each item inline in words against the named preset. */
export function DriftCell(props: DriftCellProps) {
  const { drift, pattern, deployed = true } = props;
  if (!deployed) {
    return (
      <Typography variant="body2" color="textSecondary">
        —
      </Typography>
    );
  }
  if (!pattern) {
    return (
      <Typography variant="body2" color="textSecondary">
        no pattern named
      </Typography>
    );
  }
  if (drift.length === 0) {
    return <StatusOK>on preset {pattern}</StatusOK>;
  }
  return (
    <div>
      <StatusWarning>
        {drift.length}{' '}
        {drift.length === 1 ? 'setting differs' : 'settings differ'}
      </StatusWarning>
      <ul style={{ margin: 0, paddingLeft: 18 }}>
        {drift.map(item => (
          <li key={item.field}>
            <Typography variant="caption" component="span">
              {driftInWords(item, pattern)}
            </Typography>
          </li>
        ))}
      </ul>
    </div>
  );
}
