import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { ReactNode } from 'react';

/** The four states a line on a card can be in. */
export type Health = 'ok' | 'warning' | 'error' | 'neutral';

/** A core-components status icon chosen by health, with its label. */
export function HealthStatus(props: { health: Health; children?: ReactNode }) {
  const { health, children } = props;
  switch (health) {
    case 'ok':
      return <StatusOK>{children}</StatusOK>;
    case 'warning':
      return <StatusWarning>{children}</StatusWarning>;
    case 'error':
      return <StatusError>{children}</StatusError>;
    default:
      return <StatusPending>{children}</StatusPending>;
  }
}
