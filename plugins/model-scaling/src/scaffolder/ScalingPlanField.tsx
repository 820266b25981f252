import {
  Box,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Typography,
  makeStyles,
} from '@material-ui/core';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { useEffect, useMemo } from 'react';
import { usePatternPresets } from '../hooks/usePatternPresets';
import { ModelServiceFormData } from './formAnswers';
import { PlanPreview, planPreview } from './planPreview';

const useStyles = makeStyles(theme => ({
  root: {
    padding: theme.spacing(2),
    margin: theme.spacing(1, 0, 2),
    borderLeft: `4px solid ${theme.palette.primary.main}`,
  },
  problems: { borderLeftColor: theme.palette.error.main },
  key: { fontWeight: 500, whiteSpace: 'nowrap', verticalAlign: 'top' },
  value: { overflowWrap: 'break-word' },
  list: { margin: theme.spacing(0.5, 0, 0), paddingLeft: theme.spacing(3) },
}));

/** `ui:options` of the field. */
export interface ScalingPlanFieldOptions {
  /** `recommendation`: the pattern and why, live (the Model page); `plan`: the resolved plan and its checks (the Scaling page). */
  show?: 'recommendation' | 'plan';
}

/** The value the field stores (shown on the Review page). */
export type ScalingPlanFieldValue = Record<string, string>;

function valueOf(
  preview: PlanPreview,
  show: 'recommendation' | 'plan',
): ScalingPlanFieldValue {
  if (preview.kind === 'incomplete') return { status: 'incomplete' };
  if (show === 'recommendation') {
    return preview.recommendation
      ? {
          pattern: preview.recommendation.pattern,
          reason: preview.recommendation.rationale[0] ?? '',
        }
      : { status: 'no recommendation' };
  }
  if (preview.kind === 'problems') {
    return { status: `${preview.problems.length} problem(s)` };
  }
  return { ...preview.summary };
}

const PLAN_ROWS: [keyof ScalingPlanFieldValue, string][] = [
  ['pattern', 'Pattern'],
  ['reason', 'Why'],
  ['replicas', 'Replicas'],
  ['autoscaler', 'Autoscaler'],
  ['batching', 'Batching'],
  ['gpu', 'GPU'],
];

/**
 * A scaffolder form field that guides instead of failing late: on the Model
 * page it shows the recommended pattern and its reason as the user answers;
 * on the Scaling page it shows the plan the template will generate
 * (pattern, replicas, autoscaler, batching, GPU) with presets applied to
 * every empty field, or each problem named by its field. The resolved plan
 * is the field's value, so the Review page lists it.
 */
export function ScalingPlanField(
  props: FieldExtensionComponentProps<
    ScalingPlanFieldValue,
    ScalingPlanFieldOptions
  >,
) {
  const { formData, onChange, formContext, uiSchema, idSchema } = props;
  const classes = useStyles();
  const presets = usePatternPresets();
  const show = uiSchema?.['ui:options']?.show ?? 'plan';
  const all = (formContext?.formData ?? {}) as ModelServiceFormData;
  const key = JSON.stringify(all, (k, v) =>
    // the field's own value does not change the plan
    k === idSchema?.$id?.replace(/^root_/, '') ? undefined : v,
  );
  const preview = useMemo(
    () => planPreview(JSON.parse(key) as ModelServiceFormData, presets),
    [key, presets],
  );
  const next = valueOf(preview, show);
  const nextKey = JSON.stringify(next);
  useEffect(() => {
    if (JSON.stringify(formData ?? null) !== nextKey) {
      onChange(JSON.parse(nextKey));
    }
    // Only a change of the resolved value is written back.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [nextKey]);

  const label = show === 'recommendation' ? 'Recommended pattern' : 'The plan';
  if (preview.kind === 'incomplete') {
    return (
      <Paper className={classes.root} component="section" aria-label={label}>
        <Typography variant="subtitle2">{label}</Typography>
        <Typography variant="body2" color="textSecondary">
          Answer {preview.missing.join(', ')} to see{' '}
          {show === 'recommendation'
            ? 'the recommended scaling pattern and why'
            : 'the plan'}
          .
        </Typography>
      </Paper>
    );
  }
  if (show === 'recommendation') {
    const rec = preview.recommendation;
    return (
      <Paper className={classes.root} component="section" aria-label={label}>
        <Typography variant="subtitle2">
          {rec ? (
            <>
              Recommended pattern: <strong>{rec.pattern}</strong>
            </>
          ) : (
            'No recommendation for these answers yet'
          )}
        </Typography>
        {rec && (
          <ul className={classes.list}>
            {rec.rationale.map(r => (
              <li key={r}>
                <Typography variant="body2">{r}</Typography>
              </li>
            ))}
          </ul>
        )}
      </Paper>
    );
  }
  if (preview.kind === 'problems') {
    return (
      <Paper
        className={`${classes.root} ${classes.problems}`}
        component="section"
        aria-label={label}
        role="alert"
      >
        <Typography variant="subtitle2">
          The plan cannot be made from these answers:
        </Typography>
        <ul className={classes.list}>
          {preview.problems.map(p => (
            <li key={`${p.field}-${p.message}`}>
              <Typography variant="body2">
                <strong>{p.label}</strong>: {p.message}
              </Typography>
            </li>
          ))}
        </ul>
      </Paper>
    );
  }
  return (
    <Paper className={classes.root} component="section" aria-label={label}>
      <Typography variant="subtitle2">
        The plan (empty fields take the golden-path preset)
      </Typography>
      <Box mt={1}>
        <Table size="small" aria-label="Resolved plan">
          <TableBody>
            {PLAN_ROWS.map(([k, title]) => (
              <TableRow key={k}>
                <TableCell component="th" scope="row" className={classes.key}>
                  {title}
                </TableCell>
                <TableCell className={classes.value}>
                  {preview.summary[k as keyof typeof preview.summary]}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </Paper>
  );
}
