import {
  Box,
  FormControl,
  InputLabel,
  MenuItem,
  Select,
  TextField,
  makeStyles,
} from '@material-ui/core';
import {
  FleetFacets,
  FleetPageRequest,
  VERDICT_LABELS,
  VerdictLevel,
} from '@internal/plugin-model-scaling-common';
import { ChangeEvent, useEffect, useState } from 'react';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    alignItems: 'flex-end',
    marginBottom: theme.spacing(2),
  },
  select: { minWidth: 160 },
  // The labels in the text colour: the theme's secondary grey, shrunk above a chosen value, fell
  // below the 4.5:1 contrast axe asks of small text.
  label: { color: theme.palette.text.primary },
}));

const VERDICTS: VerdictLevel[] = [
  'failing',
  'at-risk',
  'not-deployed',
  'healthy',
];

/** The filter part of a fleet request. */
export type FleetFilterValues = Pick<
  FleetPageRequest,
  'verdict' | 'pattern' | 'owner' | 'cluster' | 'drifted' | 'q'
>;

function MultiSelect(props: {
  id: string;
  label: string;
  values: string[];
  options: string[];
  words?: (value: string) => string;
  onChange: (values: string[]) => void;
}) {
  const classes = useStyles();
  const words = props.words ?? ((v: string) => v);
  return (
    <FormControl className={classes.select} size="small">
      <InputLabel id={`${props.id}-label`} className={classes.label}>
        {props.label}
      </InputLabel>
      <Select
        labelId={`${props.id}-label`}
        id={props.id}
        multiple
        value={props.values}
        renderValue={selected =>
          (selected as string[]).map(words).join(', ') || 'any'
        }
        onChange={(e: ChangeEvent<{ value: unknown }>) =>
          props.onChange(e.target.value as string[])
        }
      >
        {props.options.map(o => (
          <MenuItem key={o} value={o}>
            {words(o)}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

/** Filters of the fleet table; each one is applied by the backend to the whole fleet. */
export function FleetFilters(props: {
  values: FleetFilterValues;
  facets?: FleetFacets;
  onChange: (values: FleetFilterValues) => void;
}) {
  const classes = useStyles();
  const { values, facets, onChange } = props;
  const [text, setText] = useState(values.q ?? '');
  // Typing is sent after a pause, not per key.
  useEffect(() => {
    if ((values.q ?? '') === text) return undefined;
    const timer = setTimeout(() => onChange({ ...values, q: text }), 300);
    return () => clearTimeout(timer);
  }, [text, values, onChange]);

  return (
    <Box className={classes.root} role="search" aria-label="Fleet filters">
      <TextField
        id="fleet-search"
        label="Search services"
        size="small"
        value={text}
        onChange={e => setText(e.target.value)}
      />
      <MultiSelect
        id="fleet-verdict"
        label="Verdict"
        values={values.verdict ?? []}
        options={VERDICTS}
        words={v => VERDICT_LABELS[v as VerdictLevel]}
        onChange={v => onChange({ ...values, verdict: v as VerdictLevel[] })}
      />
      <MultiSelect
        id="fleet-pattern"
        label="Pattern"
        values={values.pattern ?? []}
        options={facets?.patterns ?? []}
        words={v => (v === 'unset' ? 'no pattern named' : v)}
        onChange={v => onChange({ ...values, pattern: v })}
      />
      <MultiSelect
        id="fleet-owner"
        label="Owner"
        values={values.owner ?? []}
        options={facets?.owners ?? []}
        words={v => v.replace(/^group:(default\/)?/, '')}
        onChange={v => onChange({ ...values, owner: v })}
      />
      <MultiSelect
        id="fleet-cluster"
        label="Cluster"
        values={values.cluster ?? []}
        options={facets?.clusters ?? []}
        onChange={v => onChange({ ...values, cluster: v })}
      />
      <FormControl className={classes.select} size="small">
        <InputLabel id="fleet-drift-label" className={classes.label}>
          Drift
        </InputLabel>
        <Select
          labelId="fleet-drift-label"
          id="fleet-drift"
          value={values.drifted === undefined ? 'any' : String(values.drifted)}
          onChange={(e: ChangeEvent<{ value: unknown }>) => {
            const v = e.target.value as string;
            onChange({
              ...values,
              drifted: v === 'any' ? undefined : v === 'true',
            });
          }}
        >
          <MenuItem value="any">any</MenuItem>
          <MenuItem value="true">off preset</MenuItem>
          <MenuItem value="false">on preset</MenuItem>
        </Select>
      </FormControl>
    </Box>
  );
}
