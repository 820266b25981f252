import { BackstageCredentials } from '@backstage/backend-plugin-api';

/**
 * The cache key of a caller's permission decisions: the user entity ref (with
 * the plugin acting for the user, if any), the service subject, or `none`.
 */
export function principalKey(credentials: BackstageCredentials): string {
  const principal = credentials.principal as
    | { type: 'user'; userEntityRef: string; actor?: { subject: string } }
    | { type: 'service'; subject: string }
    | { type: 'none' };
  switch (principal.type) {
    case 'user':
      return `user\u0000${principal.userEntityRef}\u0000${
        principal.actor?.subject ?? ''
      }`;
    case 'service':
      return `service\u0000${principal.subject}`;
    default:
      return 'none';
  }
}
