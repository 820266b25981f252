import { Chip, ChipProps, makeStyles } from '@material-ui/core';

const useStyles = makeStyles(theme => ({
  alert: {
    // White on the dark error colour keeps a 4.5:1 contrast in both themes.
    backgroundColor: theme.palette.error.dark,
    color: theme.palette.common.white,
  },
}));

/** A chip that flags a problem when `alert` is set (readable in light and dark theme), a plain chip otherwise. */
export function AlertChip(
  props: Omit<ChipProps, 'color'> & { alert?: boolean },
) {
  const { alert, className, ...rest } = props;
  const classes = useStyles();
  return (
    <Chip
      {...rest}
      className={[className, alert ? classes.alert : undefined]
        .filter(Boolean)
        .join(' ')}
    />
  );
}
