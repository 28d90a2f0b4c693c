// The transaction page's decision action against a real dynalite store: the session and the store
// handle are swapped for test ones (the action's own code, validation and store calls run as in
// production). A stale form must get "changed by X at T — reload" and leave the winner's decision alone.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import type { SessionUser } from '@/lib/auth/session';
import { claimReview, getReviewItem, listAuditEvents, putReviewItem } from '@/lib/store';
import { review, startTestStore, type TestStore } from '@/lib/store/test-support';

const state = vi.hoisted(() => ({
  store: null as unknown,
  user: null as unknown,
  revalidated: [] as string[],
}));

vi.mock('@/lib/store/server-store', () => ({ getStore: async () => state.store }));
vi.mock('@/lib/auth/session', async () => {
  const { AuthError } = await vi.importActual<typeof import('@/lib/auth/session')>('@/lib/auth/session');
  return {
    AuthError,
    requirePermission: async () => {
      if (!state.user) throw new AuthError(401, 'Your session has ended. Sign in again.');
      return state.user;
    },
  };
});
vi.mock('next/cache', () => ({ revalidatePath: (path: string) => state.revalidated.push(path) }));

const { decideAction } = await import('@/app/transactions/[id]/decide-action');

const analyst = (name: string): SessionUser => ({
  id: `local:${name}`,
  name,
  email: null,
  roles: ['analyst'],
  role: 'analyst',
  provider: 'local',
  actor: `${name} (local)`,
});

const form = (fields: Record<string, string>): FormData => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

let db: TestStore;

beforeAll(async () => {
  db = await startTestStore('da_');
  state.store = db.store;
  await putReviewItem(db.store, review({ id: 'tx-conflict', score: 0.91 }));
  await putReviewItem(db.store, review({ id: 'tx-ok', score: 0.8 }));
  await putReviewItem(db.store, review({ id: 'tx-claimed', score: 0.7 }));
});

afterAll(async () => {
  await db?.close();
});

beforeEach(() => {
  state.user = analyst('ana');
  state.revalidated = [];
});

describe('decideAction', () => {
  it('records a decision on the version shown and revalidates the page', async () => {
    const result = await decideAction(
      null,
      form({
        transactionId: 'tx-ok',
        version: '1',
        outcome: 'legitimate',
        reason: 'customer_confirmed',
        note: 'Called the cardholder.',
        requestId: 'req-ok-0001',
        tz: 'Europe/Paris',
      }),
    );
    expect(result).toMatchObject({ ok: true, data: { status: 'legitimate', version: 2 } });
    expect(state.revalidated).toEqual(['/transactions/[id]']);
    const item = await getReviewItem(db.store, { transactionId: 'tx-ok' });
    expect(item?.decision).toMatchObject({
      outcome: 'legitimate',
      analyst: 'ana (local)',
      note: 'Called the cardholder.',
    });
  });

  it('tells a stale form who changed the item and when, and overwrites nothing', async () => {
    // Bob decides first, on version 1 …
    state.user = analyst('bob');
    const bob = await decideAction(
      null,
      form({
        transactionId: 'tx-conflict',
        version: '1',
        outcome: 'fraud',
        reason: 'stolen_card',
        requestId: 'req-bob-0001',
      }),
    );
    expect(bob.ok).toBe(true);
    const decided = await getReviewItem(db.store, { transactionId: 'tx-conflict' });

    // … then Ana submits the form she opened at version 1.
    state.user = analyst('ana');
    state.revalidated = [];
    const stale = await decideAction(
      null,
      form({
        transactionId: 'tx-conflict',
        version: '1',
        outcome: 'legitimate',
        reason: 'known_pattern',
        requestId: 'req-ana-0001',
        tz: 'UTC',
      }),
    );
    expect(stale.ok).toBe(false);
    if (stale.ok) return;
    expect(stale.code).toBe('conflict');
    const when = new Intl.DateTimeFormat('en-US', {
      dateStyle: 'medium',
      timeStyle: 'long',
      hourCycle: 'h23',
      timeZone: 'UTC',
    }).format(new Date(decided!.updated_at));
    expect(stale.error).toBe(
      `Changed by bob (local) at ${when} (decided: fraud) after you opened it — reload to see the latest. Nothing was saved.`,
    );
    expect(state.revalidated).toEqual([]);

    const after = await getReviewItem(db.store, { transactionId: 'tx-conflict' });
    expect(after).toEqual(decided);
    const trail = await listAuditEvents(db.store, { itemId: 'tx-conflict', action: 'decided' });
    expect(trail.items.map((e) => e.actor)).toEqual(['bob (local)']);
  });

  it('treats a claim by someone else as a change too (the version moved)', async () => {
    await claimReview(db.store, { transactionId: 'tx-claimed', version: 1, analyst: 'bob (local)' });
    const stale = await decideAction(
      null,
      form({
        transactionId: 'tx-claimed',
        version: '1',
        outcome: 'escalate',
        reason: 'high_value',
        requestId: 'req-ana-0002',
      }),
    );
    expect(stale).toMatchObject({ ok: false, code: 'conflict' });
    if (!stale.ok)
      expect(stale.error).toMatch(/^Changed by bob \(local\) at .* \(claimed\) after you opened it — reload/);
  });

  it('replays a double submit of the same form as done, not as a conflict', async () => {
    await putReviewItem(db.store, review({ id: 'tx-double', score: 0.6 }));
    const fields = {
      transactionId: 'tx-double',
      version: '1',
      outcome: 'fraud',
      reason: 'counterfeit',
      requestId: 'req-dbl-0001',
    };
    const first = await decideAction(null, form(fields));
    const second = await decideAction(null, form(fields));
    expect(first.ok).toBe(true);
    expect(second).toMatchObject({ ok: true, data: { status: 'fraud', version: 2 } });
  });

  it('refuses a reason that does not fit the outcome, and a signed-out caller', async () => {
    const mismatched = await decideAction(
      null,
      form({
        transactionId: 'tx-claimed',
        version: '2',
        outcome: 'fraud',
        reason: 'customer_confirmed',
        requestId: 'req-ana-0003',
      }),
    );
    expect(mismatched).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { reason: ['Choose a reason that fits the outcome'] },
    });

    state.user = null;
    const signedOut = await decideAction(
      null,
      form({
        transactionId: 'tx-claimed',
        version: '2',
        outcome: 'fraud',
        reason: 'stolen_card',
        requestId: 'req-ana-0004',
      }),
    );
    expect(signedOut).toMatchObject({ ok: false, code: 'unauthenticated' });
  });

  it('answers not_found for an item that does not exist', async () => {
    const missing = await decideAction(
      null,
      form({
        transactionId: 'tx-none',
        version: '1',
        outcome: 'fraud',
        reason: 'stolen_card',
        requestId: 'req-ana-0005',
      }),
    );
    expect(missing).toMatchObject({ ok: false, code: 'not_found' });
  });
});
