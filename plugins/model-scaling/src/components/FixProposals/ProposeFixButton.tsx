import { usePermission } from '@backstage/plugin-permission-react';
import { Box, Button, Typography, makeStyles } from '@material-ui/core';
import {
  FixIntent,
  modelScalingFixProposePermission,
} from '@internal/plugin-model-scaling-common';
import { useState } from 'react';
import { formatAge } from '../shared/format';
import { FixProposalsState, useFixProposals } from './FixProposalsContext';
import { proposalFor } from './listFixProposals';
import { ProposedChange } from './ProposedChange';
import { ProposeFixDialog } from './ProposeFixDialog';

const useStyles = makeStyles(theme => ({
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginTop: theme.spacing(1),
  },
}));

/**
 * "Propose this fix" for a finding or an advice that carries a fix, and
 * "Fix proposed: <branch or pull request>, <when>" once a change was
 * proposed for it. Disabled, with the reason, when the user may not
 * propose fixes (`model-scaling.fix.propose`); absent outside a Scaling tab
 * (no entity) or in an app without the scaffolder.
 */
export function ProposeFixButton(props: { fix: FixIntent; label?: string }) {
  const context = useFixProposals();
  return context ? <WithContext {...props} context={context} /> : null;
}

function WithContext(props: {
  fix: FixIntent;
  label?: string;
  context: FixProposalsState;
}) {
  const { fix, label = 'Propose this fix', context } = props;
  const classes = useStyles();
  const [open, setOpen] = useState(false);
  const permission = usePermission({
    permission: modelScalingFixProposePermission,
    resourceRef: context.entityRef,
  });
  const proposal = proposalFor(context.proposals, fix.id);
  const denied = !permission.loading && !permission.allowed;
  return (
    <div className={classes.row}>
      {proposal && (
        <Typography
          variant="body2"
          component="span"
          data-testid="fix-proposed-for-finding"
        >
          <strong>Fix proposed:</strong>{' '}
          <ProposedChange result={proposal.result} />,{' '}
          <time dateTime={proposal.createdAt}>
            {formatAge(proposal.createdAt, new Date())}
          </time>
        </Typography>
      )}
      <Button
        size="small"
        variant="outlined"
        color="primary"
        disabled={permission.loading || denied}
        onClick={() => setOpen(true)}
        aria-describedby={denied ? `fix-denied-${fix.id}` : undefined}
      >
        {label}
      </Button>
      {denied && (
        <Box component="span" id={`fix-denied-${fix.id}`}>
          <Typography variant="caption" color="textSecondary">
            You may not propose fixes for this service (permission{' '}
            <code>model-scaling.fix.propose</code>).
          </Typography>
        </Box>
      )}
      {open && (
        <ProposeFixDialog
          open={open}
          onClose={() => setOpen(false)}
          entityRef={context.entityRef}
          fixes={[fix]}
          scaffolderApi={context.scaffolderApi}
          onProposed={context.add}
        />
      )}
    </div>
  );
}
