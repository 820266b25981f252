import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import {
  DynamicBatchingSetting,
  describeBatching,
} from '@internal/plugin-model-scaling-common';
import { ScrollableTable } from '../shared/ScrollableTable';

/** Props of {@link QueueDelays}. */
export interface QueueDelaysProps {
  live: DynamicBatchingSetting;
  preset?: DynamicBatchingSetting;
  advised?: DynamicBatchingSetting;
}

function delay(setting: DynamicBatchingSetting | undefined, none: string) {
  if (!setting) return none;
  if (!setting.dynamicBatching) return 'no dynamic batching';
  return `${new Intl.NumberFormat('en-US').format(setting.maxQueueDelayUs)} µs`;
}

/**
 * The three queue delays a reader meets on the tab, each named: the live one
 * (what Triton runs with, the only one in force), the golden-path preset
 * (what the template generates) and the advised one (what the batching
 * advisor recommends for today's load and the SLO).
 */
export function QueueDelays(props: QueueDelaysProps) {
  const { live, preset, advised } = props;
  const rows: [string, string, string][] = [
    [
      'Live — in force',
      delay(live, '—'),
      `config.pbtxt Triton serves now: ${describeBatching(live)}`,
    ],
    [
      'Golden-path preset',
      delay(preset, 'none for this pattern'),
      preset
        ? `what the template generates: ${describeBatching(preset)}`
        : 'the service names no GPU pattern',
    ],
    [
      'Advised for today’s load',
      delay(advised, 'not yet advised'),
      advised
        ? `the advisor’s fewest-GPU setting within the SLO: ${describeBatching(
            advised,
          )}`
        : 'runs on the current request rate and the SLO',
    ],
  ];
  return (
    <ScrollableTable>
      <Table size="small" aria-label="Queue delays: live, preset and advised">
        <TableHead>
          <TableRow>
            <TableCell>max_queue_delay_microseconds</TableCell>
            <TableCell align="right">Value</TableCell>
            <TableCell>Meaning</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(([name, value, meaning]) => (
            <TableRow key={name}>
              <TableCell component="th" scope="row">
                {name}
              </TableCell>
              <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
                {value}
              </TableCell>
              <TableCell data-wrap="words">
                <Typography variant="body2" color="textSecondary">
                  {meaning}
                </Typography>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ScrollableTable>
  );
}
