// The permission matrix, role ranking and the mapping from Cognito groups to roles.
import { describe, expect, it } from 'vitest';

import { can, highestRole, isRole, PERMISSIONS, ROLES, rolesFromGroups, type Permission } from './roles';

describe('can', () => {
  const expected: Record<Permission, readonly string[]> = {
    'review:read': ['analyst', 'manager', 'admin'],
    'review:decide': ['analyst', 'manager', 'admin'],
    'review:rescore': ['analyst', 'manager', 'admin'],
    'analytics:read': ['manager', 'admin'],
    'threshold:write': ['admin'],
  };

  it('grants each permission to its role and the roles above it', () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual(Object.keys(expected).sort());
    for (const [permission, roles] of Object.entries(expected) as [Permission, string[]][]) {
      for (const role of ROLES)
        expect(can([role], permission), `${role} ${permission}`).toBe(roles.includes(role));
    }
  });

  it('counts the highest of several roles and grants nothing without one', () => {
    expect(can(['analyst', 'admin'], 'threshold:write')).toBe(true);
    expect(can([], 'review:read')).toBe(false);
  });
});

describe('highestRole', () => {
  it('picks the highest role whatever the order', () => {
    expect(highestRole(['admin', 'analyst'])).toBe('admin');
    expect(highestRole(['analyst', 'manager'])).toBe('manager');
    expect(highestRole([])).toBeNull();
  });
});

describe('isRole', () => {
  it('accepts exactly the three role names', () => {
    for (const role of ROLES) expect(isRole(role)).toBe(true);
    for (const other of ['Admin', 'root', '', null, 1, undefined]) expect(isRole(other)).toBe(false);
  });
});

describe('rolesFromGroups', () => {
  it('maps cognito:groups to roles, ignoring groups that are not roles', () => {
    expect(rolesFromGroups(['analyst'])).toEqual(['analyst']);
    expect(rolesFromGroups(['us-east-staff', 'manager', 'marketing'])).toEqual(['manager']);
    expect(rolesFromGroups(['admin', 'analyst'])).toEqual(['analyst', 'admin']);
  });

  it('accepts case and spacing differences and a single string of groups', () => {
    expect(rolesFromGroups([' Analyst ', 'ADMIN'])).toEqual(['analyst', 'admin']);
    expect(rolesFromGroups('manager, analyst')).toEqual(['analyst', 'manager']);
    expect(rolesFromGroups('admin')).toEqual(['admin']);
  });

  it('grants nothing for a missing claim, other types or unknown groups', () => {
    for (const claim of [undefined, null, 42, {}, [], [1, null], ['marketing'], '']) {
      expect(rolesFromGroups(claim)).toEqual([]);
    }
  });

  it('lists each role once', () => {
    expect(rolesFromGroups(['analyst', 'analyst', 'Analyst'])).toEqual(['analyst']);
  });
});
