// The console's sections, each with the permission that shows it in the header.
import type { Permission } from '@/lib/auth/roles';

export interface NavItem {
  href: string;
  label: string;
  permission: Permission;
}

export const NAV_ITEMS: readonly NavItem[] = [{ href: '/', label: 'Overview', permission: 'review:read' }];
