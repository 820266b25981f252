import { Chip, makeStyles } from '@material-ui/core';
import {
  VERDICT_LABELS,
  VerdictLevel,
} from '@internal/plugin-model-scaling-common';

const useStyles = makeStyles(theme => ({
  chip: { fontWeight: theme.typography.fontWeightBold as number },
  healthy: {
    backgroundColor: theme.palette.success.dark,
    color: theme.palette.success.contrastText,
  },
  'at-risk': {
    backgroundColor: theme.palette.warning.dark,
    color: theme.palette.common.black,
  },
  failing: {
    backgroundColor: theme.palette.error.dark,
    color: theme.palette.error.contrastText,
  },
  'not-deployed': {
    backgroundColor: theme.palette.grey[600],
    color: theme.palette.common.white,
  },
}));

/** The verdict level as a coloured chip with its word (colour is never the only cue). */
export function VerdictChip(props: {
  level: VerdictLevel;
  size?: 'small' | 'medium';
}) {
  const classes = useStyles();
  return (
    <Chip
      size={props.size ?? 'small'}
      className={`${classes.chip} ${classes[props.level]}`}
      label={VERDICT_LABELS[props.level]}
      data-verdict={props.level}
    />
  );
}
