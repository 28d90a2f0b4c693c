// The console's sections, each with the permission that shows it in the header.
import type { Permission } from '@/lib/auth/roles';

export interface NavItem {
  href: string;
  label: string;
  permission: Permission;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { href: '/', label: 'Overview', permission: 'review:read' },
  { href: '/queue', label: 'Queue', permission: 'review:read' },
  { href: '/dashboard', label: 'Dashboard', permission: 'analytics:read' },
  { href: '/dashboard/threshold', label: 'Threshold', permission: 'analytics:read' },
  { href: '/dashboard/drift', label: 'Drift', permission: 'analytics:read' },
  { href: '/audit', label: 'Audit', permission: 'analytics:read' },
];
