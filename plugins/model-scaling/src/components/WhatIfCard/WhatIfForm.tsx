import {
  FormControl,
  Grid,
  InputLabel,
  MenuItem,
  Select,
  TextField,
} from '@material-ui/core';
import {
  CapacityKind,
  LOAD_SHAPES,
  LoadShape,
  WhatIfModel,
  WhatIfSettings,
} from '@internal/plugin-model-scaling-common';
import { WhatIfErrors, WhatIfNumberField } from './validateSettings';

const SHAPE_LABELS: Record<LoadShape, string> = {
  steady: 'Steady',
  diurnal: 'Diurnal (day/night)',
  bursty: 'Bursty',
};

const CAPACITY_LABELS: Record<CapacityKind, string> = {
  queue: 'Consume rate per pod (msg/s)',
  cpu: 'Pod capacity at 100 % CPU (req/s)',
  rate: 'Pod capacity (req/s)',
};

/** Props of {@link WhatIfForm}. */
export interface WhatIfFormProps {
  settings: WhatIfSettings;
  model: WhatIfModel;
  errors: WhatIfErrors;
  onChange: (settings: WhatIfSettings) => void;
}

/** The load and autoscaler settings of the what-if. */
export function WhatIfForm(props: WhatIfFormProps) {
  const { settings, model, errors, onChange } = props;

  const numberField = (
    field: WhatIfNumberField,
    label: string,
    options: { step?: number; help?: string } = {},
  ) => (
    <Grid item xs={6} sm={4} md={3}>
      <TextField
        fullWidth
        size="small"
        type="number"
        id={`what-if-${field}`}
        label={label}
        value={Number.isNaN(settings[field]) ? '' : settings[field]}
        inputProps={{ step: options.step ?? 1 }}
        error={errors[field] !== undefined}
        helperText={errors[field] ?? options.help}
        onChange={event =>
          onChange({
            ...settings,
            [field]:
              event.target.value === '' ? NaN : Number(event.target.value),
          })
        }
      />
    </Grid>
  );

  const loadUnit = model.kind === 'queue' ? 'msg/s' : 'req/s';
  return (
    <Grid container spacing={2}>
      <Grid item xs={6} sm={4} md={3}>
        <FormControl fullWidth size="small">
          <InputLabel id="what-if-shape-label">Load shape</InputLabel>
          <Select
            labelId="what-if-shape-label"
            id="what-if-shape"
            value={settings.shape}
            onChange={event =>
              onChange({ ...settings, shape: event.target.value as LoadShape })
            }
          >
            {LOAD_SHAPES.map(shape => (
              <MenuItem key={shape} value={shape}>
                {SHAPE_LABELS[shape]}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
      </Grid>
      {numberField('peakRps', `Peak load (${loadUnit})`, {
        help:
          model.liveLoadRps !== undefined
            ? `live: ${Math.round(model.liveLoadRps)} ${loadUnit}`
            : undefined,
      })}
      {numberField('minReplicas', 'Min replicas')}
      {numberField('maxReplicas', 'Max replicas')}
      {numberField('target', model.targetLabel)}
      {numberField('scaleDownWindowSeconds', 'Scale-down window (s)', {
        step: 15,
      })}
      {numberField('podCapacityRps', CAPACITY_LABELS[model.kind])}
      {numberField('serviceTimeMs', 'Service time (ms)', { step: 0.1 })}
      {numberField('coldStartSeconds', 'Cold start (s)')}
    </Grid>
  );
}
