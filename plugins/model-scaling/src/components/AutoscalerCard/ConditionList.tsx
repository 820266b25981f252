import { List, ListItem, ListItemText, Tooltip } from '@material-ui/core';
import { ConditionView } from '@internal/plugin-model-scaling-common';
import { HealthStatus } from '../shared/HealthStatus';
import { conditionHealth } from './conditionHealth';

/**
 * HPA or KEDA conditions in plain words; the raw type, reason and message are
 * one hover away for whoever needs them.
 */
export function ConditionList(props: { conditions: ConditionView[] }) {
  const { conditions } = props;
  if (conditions.length === 0) {
    return null;
  }
  return (
    <List dense disablePadding>
      {conditions.map(condition => (
        <ListItem disableGutters key={condition.type}>
          <ListItemText
            primary={
              <Tooltip
                placement="bottom-start"
                title={`${condition.type}=${condition.status}${
                  condition.reason ? ` (${condition.reason})` : ''
                }${condition.message ? `: ${condition.message}` : ''}`}
              >
                <span>
                  <HealthStatus health={conditionHealth(condition)}>
                    {condition.plain}
                  </HealthStatus>
                </span>
              </Tooltip>
            }
          />
        </ListItem>
      ))}
    </List>
  );
}
