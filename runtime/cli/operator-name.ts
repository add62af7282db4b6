// cli/: who is changing the metadata store, for its `updated_by` columns.
import { hostname, userInfo } from 'node:os';

/** `user@host` of whoever runs the command; `unknown` when the OS cannot say. */
export function operatorName(): string {
  try {
    return `${userInfo().username}@${hostname()}`;
  } catch {
    return 'unknown';
  }
}
