// Twenty analysts decide the same item at the same moment, through the real server action over HTTP
// (the way the transaction page's form posts it): exactly one decision is recorded, the other nineteen
// get the "changed by … reload" conflict, and the item's audit trail has no gap and no duplicate
// (version 1 flagged, version 2 decided, one event each). The store-level race is
// lib/store/concurrency.test.ts; this proves the action, the session and the network path keep it.
import { expect, test } from '@playwright/test';

import { getReviewItem, listAuditEvents } from '@/lib/store';

import { CONSOLE_BASE_URL, openConsoleStore, STORAGE_STATE } from '../fixtures';
import { RESERVED_SLOT, reservedItem } from '../support/reserved-items';
import { actionResultCode, callServerAction } from '../support/server-actions';

const DECIDE = 'app/transactions/[id]/decide-action.ts#decideAction';
const ANALYSTS = 20;

test('20 concurrent decisions on one item: one wins, 19 conflicts, a trail without gaps', async ({
  playwright,
}) => {
  const item = await reservedItem(RESERVED_SLOT.concurrentDecisions);
  const id = item.transaction_id;
  // One session per caller, as twenty browsers would have (all the analyst demo user here).
  const contexts = await Promise.all(
    Array.from({ length: ANALYSTS }, () =>
      playwright.request.newContext({ baseURL: CONSOLE_BASE_URL, storageState: STORAGE_STATE.analyst }),
    ),
  );
  try {
    const responses = await Promise.all(
      contexts.map((api, i) =>
        callServerAction(api, CONSOLE_BASE_URL, `/transactions/${id}`, DECIDE, {
          transactionId: id,
          version: item.version,
          outcome: i % 2 === 0 ? 'fraud' : 'legitimate',
          reason: i % 2 === 0 ? 'stolen_card' : 'customer_confirmed',
          note: `concurrent analyst ${i}`,
          // One per form render: twenty different forms.
          requestId: `concurrent-${i}-${id}`.slice(0, 64),
        }),
      ),
    );
    const bodies = await Promise.all(responses.map((r) => r.text()));
    expect(responses.map((r) => r.status())).toEqual(Array(ANALYSTS).fill(200));
    const wins = bodies.filter((b) => b.includes('"ok":true'));
    const codes = bodies.map(actionResultCode).filter((c) => c !== null);
    expect(wins).toHaveLength(1);
    expect(codes).toEqual(Array(ANALYSTS - 1).fill('conflict'));

    const opened = await openConsoleStore();
    try {
      const stored = await getReviewItem(opened.store, { transactionId: id });
      expect(stored?.version).toBe(item.version + 1);
      const winner = bodies.findIndex((b) => b.includes('"ok":true'));
      expect(stored?.decision?.note).toBe(`concurrent analyst ${winner}`);
      const trail = await listAuditEvents(opened.store, { itemId: id, limit: 50 });
      const versions = trail.items.map((e) => e.item_version ?? 0).sort((a, b) => a - b);
      expect(versions).toEqual(Array.from({ length: item.version + 1 }, (_, v) => v + 1));
      expect(trail.items.filter((e) => e.action === 'decided')).toHaveLength(1);
    } finally {
      await opened.close();
    }
  } finally {
    await Promise.all(contexts.map((c) => c.dispose()));
  }
});
