import { Tooltip, Typography } from '@material-ui/core';
import {
  DriftItem,
  driftInWords,
  PatternId,
} from '@internal/plugin-model-scaling-common';
import { StatusOK, StatusWarning } from '@backstage/core-components';

/** Props of {@link DriftCell}. */
export interface DriftCellProps {
  drift: DriftItem[];
  /** The items already in words (the fleet index sends them); computed here when absent. */
  words?: string[];
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
        {drift.map((item, i) => (
          <li key={item.field}>
            <Tooltip
              title={`${item.field}: ${item.actual}, preset ${item.expected}`}
            >
              <Typography variant="caption" component="span">
                {props.words?.[i] ?? driftInWords(item, pattern)}
              </Typography>
            </Tooltip>
          </li>
        ))}
      </ul>
    </div>
  );
}
