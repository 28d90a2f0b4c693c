// Roles and what each may do: the one permission matrix every page, route handler and server action
// checks. Roles nest (admin ⊇ manager ⊇ analyst): a risk manager can also work the queue when the
// team is short, and an admin can do everything a manager can. docs/AUTH.md shows the matrix.
export const ROLES = ['analyst', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = {
  /** See the review queue, transaction pages, the card's history and the alert feed. */
  'review:read': 'analyst',
  /** Claim items, decide (single and bulk), acknowledge alerts. */
  'review:decide': 'analyst',
  /** Edit a transaction in a sandbox and rescore it (the stored item is unchanged). */
  'review:rescore': 'analyst',
  /** Dashboard, threshold what-if, drift, the full audit trail. */
  'analytics:read': 'manager',
  /** Change the live model threshold. */
  'threshold:write': 'admin',
} as const satisfies Record<string, Role>;
export type Permission = keyof typeof PERMISSIONS;

const RANK: Record<Role, number> = { analyst: 1, manager: 2, admin: 3 };

export const isRole = (value: unknown): value is Role => (ROLES as readonly unknown[]).includes(value);

/** Whether a user holding `roles` has `permission` (the highest role counts). */
export function can(roles: readonly Role[], permission: Permission): boolean {
  const needed = RANK[PERMISSIONS[permission]];
  return roles.some((r) => RANK[r] >= needed);
}

/** The highest of `roles`, or null when there is none. */
export function highestRole(roles: readonly Role[]): Role | null {
  let best: Role | null = null;
  for (const r of roles) if (best === null || RANK[r] > RANK[best]) best = r;
  return best;
}

/**
 * Roles from Cognito's `cognito:groups` claim (an array of group names; some tools send one string).
 * Unknown groups are ignored, so a pool's other groups never grant anything here.
 */
export function rolesFromGroups(groups: unknown): Role[] {
  const list = Array.isArray(groups) ? groups : typeof groups === 'string' ? groups.split(/[\s,]+/) : [];
  const roles = list.map((g) => (typeof g === 'string' ? g.trim().toLowerCase() : g)).filter(isRole);
  return ROLES.filter((r) => roles.includes(r));
}

export const ROLE_LABELS: Record<Role, string> = {
  analyst: 'Analyst',
  manager: 'Risk manager',
  admin: 'Admin',
};
