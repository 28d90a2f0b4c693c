// The roles × permissions matrix as a Markdown table, generated from lib/auth/roles.ts: docs/AUTH.md
// embeds it between markers, and permission-doc.test.ts fails when the two drift apart.
import { can, PERMISSIONS, ROLE_LABELS, ROLES, type Permission } from './roles';

/** What each permission opens, in the words the doc uses (a new permission must add its line). */
const DESCRIPTIONS: Record<Permission, string> = {
  'review:read': 'See the review queue, transaction pages, the card’s history and the alert feed',
  'review:decide': 'Claim items, decide them (single and bulk), acknowledge alerts',
  'review:rescore': 'Edit a transaction in a sandbox and rescore it (the stored item is unchanged)',
  'analytics:read': 'Dashboard, threshold what-if, drift, the full audit trail',
  'threshold:write': 'Change the live model threshold',
};

export const MATRIX_START = '<!-- permission-matrix:start (generated from lib/auth/roles.ts) -->';
export const MATRIX_END = '<!-- permission-matrix:end -->';

export function permissionMatrixMarkdown(): string {
  const header = `| Permission | What it allows | ${ROLES.map((r) => ROLE_LABELS[r]).join(' | ')} |`;
  const rule = `| --- | --- | ${ROLES.map(() => ':---:').join(' | ')} |`;
  const rows = (Object.keys(PERMISSIONS) as Permission[]).map(
    (p) => `| \`${p}\` | ${DESCRIPTIONS[p]} | ${ROLES.map((r) => (can([r], p) ? '✓' : '–')).join(' | ')} |`,
  );
  return [header, rule, ...rows].join('\n');
}
