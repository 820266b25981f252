import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Box,
  IconButton,
  Tooltip,
  Typography,
  makeStyles,
} from '@material-ui/core';
import CopyIcon from '@material-ui/icons/FileCopy';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import {
  AutoscalerManifest,
  autoscalerManifestYaml,
} from '@internal/plugin-model-scaling-common';
import { useMemo, useState } from 'react';
import useCopyToClipboard from 'react-use/esm/useCopyToClipboard';

const useStyles = makeStyles(theme => ({
  accordion: {
    // Sits inside a card: no second card shadow, a hairline instead.
    boxShadow: 'none',
    border: `1px solid ${theme.palette.divider}`,
    '&:before': { display: 'none' },
  },
  details: { display: 'block' },
  pre: {
    margin: 0,
    padding: theme.spacing(1.5),
    maxHeight: 480,
    overflow: 'auto',
    fontFamily:
      'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
    fontSize: '0.8125rem',
    lineHeight: 1.5,
    color: theme.palette.text.primary,
    backgroundColor: theme.palette.background.default,
    borderRadius: theme.shape.borderRadius,
    '&:focus-visible': { outline: `2px solid ${theme.palette.primary.main}` },
  },
  header: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
  },
}));

function ManifestBlock(props: { manifest: AutoscalerManifest }) {
  const classes = useStyles();
  const { manifest } = props;
  const text = useMemo(() => autoscalerManifestYaml(manifest), [manifest]);
  const [{ error }, copy] = useCopyToClipboard();
  const [copied, setCopied] = useState(false);
  const label = `${manifest.kind}/${manifest.metadata.name}`;
  let tooltip = 'Copy YAML';
  if (error) tooltip = `Could not copy: ${error.message}`;
  else if (copied) tooltip = 'Copied';
  return (
    <Box component="figure" m={0} mb={2} aria-label={`YAML of ${label}`}>
      <Box className={classes.header}>
        <Typography variant="body2" component="figcaption">
          <strong>{label}</strong>
        </Typography>
        <Tooltip title={tooltip}>
          <IconButton
            size="small"
            aria-label={`Copy the YAML of ${label}`}
            onClick={() => {
              copy(text);
              setCopied(true);
            }}
            onBlur={() => setCopied(false)}
          >
            <CopyIcon fontSize="small" />
          </IconButton>
        </Tooltip>
      </Box>
      {/* Focusable, so the YAML scrolls with the keyboard too. */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
      <pre className={classes.pre} tabIndex={0} data-testid="autoscaler-yaml">
        {text}
      </pre>
    </Box>
  );
}

/**
 * The autoscaler objects' YAML inside the card, collapsed until asked for
 * (parity with the Kubernetes plugin's YAML view): the ScaledObject and the
 * HPA KEDA made for it, or the plain HPA. The copy the backend keeps is
 * bounded and redacted, and the view says so.
 */
export function AutoscalerYaml(props: { manifests: AutoscalerManifest[] }) {
  const classes = useStyles();
  const { manifests } = props;
  if (manifests.length === 0) return null;
  const hasKeda = manifests.some(m => m.kind === 'ScaledObject');
  // One id per autoscaler, so several workloads on one page never share it.
  const first = manifests[0].metadata;
  const id = `model-scaling-yaml-${first.namespace ?? ''}-${
    first.name
  }`.replace(/[^A-Za-z0-9_-]/g, '-');
  return (
    <Accordion
      className={classes.accordion}
      TransitionProps={{ unmountOnExit: true }}
    >
      <AccordionSummary
        expandIcon={<ExpandMoreIcon />}
        aria-controls={id}
        id={`${id}-header`}
      >
        <Typography variant="subtitle2">
          YAML{' '}
          <Typography component="span" variant="body2" color="textSecondary">
            · {manifests.map(m => `${m.kind} ${m.metadata.name}`).join(', ')}
          </Typography>
        </Typography>
      </AccordionSummary>
      {/* The Accordion gives its region the id named by aria-controls. */}
      <AccordionDetails className={classes.details}>
        <Typography variant="body2" color="textSecondary" paragraph>
          As stored in the cluster, without <code>managedFields</code> and the
          last-applied copy
          {hasKeda
            ? '; KEDA trigger metadata shows only the keys the Scaling tab reads, credentials redacted'
            : ''}
          .
        </Typography>
        {manifests.map(m => (
          <ManifestBlock key={`${m.kind}/${m.metadata.name}`} manifest={m} />
        ))}
      </AccordionDetails>
    </Accordion>
  );
}
