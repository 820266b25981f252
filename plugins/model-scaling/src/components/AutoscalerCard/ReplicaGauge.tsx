import { Box, LinearProgress, Typography, makeStyles } from '@material-ui/core';

const useStyles = makeStyles(theme => ({
  bar: { height: 12, borderRadius: 6 },
  scale: {
    position: 'relative',
    height: 18,
    marginTop: theme.spacing(0.5),
    color: theme.palette.text.secondary,
  },
  tick: {
    position: 'absolute',
    transform: 'translateX(-50%)',
    fontSize: theme.typography.caption.fontSize,
    whiteSpace: 'nowrap',
  },
}));

/** Props of {@link ReplicaGauge}. */
export interface ReplicaGaugeProps {
  min: number;
  max: number;
  current: number;
  desired: number;
  ready: number;
}

function percentOf(value: number, max: number): number {
  if (max <= 0) {
    return 0;
  }
  return Math.min(100, Math.max(0, (value / max) * 100));
}

/**
 * Replicas against the autoscaler's range: the solid bar is the ready
 * replicas, the lighter buffer is what the autoscaler wants, and ticks mark
 * min and max.
 */
export function ReplicaGauge(props: ReplicaGaugeProps) {
  const { min, max, current, desired, ready } = props;
  const classes = useStyles();
  const atMax = desired >= max && max > 0;
  return (
    <Box>
      <Typography variant="body2" gutterBottom>
        <strong>{ready}</strong> ready of <strong>{current}</strong> current
        {desired !== current && (
          <>
            {' '}
            · autoscaler wants <strong>{desired}</strong>
          </>
        )}{' '}
        · range {min}–{max}
        {atMax && ' · at max'}
      </Typography>
      <LinearProgress
        className={classes.bar}
        variant="buffer"
        value={percentOf(ready, max)}
        valueBuffer={percentOf(Math.max(desired, current), max)}
        color={atMax ? 'secondary' : 'primary'}
        aria-label={`${ready} ready replicas, ${desired} desired, range ${min} to ${max}`}
      />
      <div className={classes.scale} aria-hidden>
        <span
          className={classes.tick}
          style={{ left: `${percentOf(min, max)}%` }}
        >
          min {min}
        </span>
        <span
          className={classes.tick}
          style={{ left: '100%', transform: 'translateX(-100%)' }}
        >
          max {max}
        </span>
      </div>
    </Box>
  );
}
