'use server';

// Changes the LIVE model threshold (admins only): appends a `threshold_changed` audit event for the
// served model's version, which new scoring reads within ten seconds. The form carries the value it
// showed, so a change someone made meanwhile is reported instead of silently overwritten, and a request
// id, so a double submit records one change.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';

import { defineAction, fail, type ActionResult, type ActionState } from '@/lib/actions/safe-action';
import { thresholdLabel } from '@/lib/analytics/threshold-axis';
import { getModel } from '@/lib/model/scorer';
import { getStore } from '@/lib/store/server-store';
import { setLiveThreshold, ThresholdConflictError, type ThresholdChange } from '@/lib/threshold/live';

const schema = z.object({
  /** In percent, as the console shows scores. */
  threshold: z.coerce
    .number({ error: 'Enter the new threshold as a percentage' })
    .gt(0, 'The threshold must be above 0%')
    .lt(100, 'The threshold must be below 100%'),
  note: z
    .string({ error: 'Say why the threshold changes' })
    .trim()
    .min(3, 'Say why the threshold changes (it goes into the audit trail)')
    .max(500, 'Keep the reason under 500 characters'),
  /** The live value the form showed (0–1). */
  expected: z.coerce.number().min(0).max(1),
  modelVersion: z.string().regex(/^[0-9a-f]{16}$/, 'missing model version'),
  requestId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'missing request id'),
});

const change = defineAction(
  'threshold:write',
  schema,
  async (input, user): Promise<ActionResult<ThresholdChange>> => {
    const model = await getModel();
    if (input.modelVersion !== model.version)
      return fail(
        'conflict',
        `The served model changed (now ${model.version}) since this page was loaded. Reload to see its threshold.`,
      );
    try {
      const { change: recorded } = await setLiveThreshold(await getStore(), {
        model,
        to: input.threshold / 100,
        actor: user.actor,
        note: input.note,
        expected: input.expected,
        requestId: input.requestId,
      });
      revalidatePath('/dashboard', 'layout');
      return {
        ok: true,
        data: recorded,
        message: `The live threshold is now ${thresholdLabel(recorded.to)} (was ${thresholdLabel(recorded.from)}). New scoring uses it within 10 seconds.`,
      };
    } catch (error) {
      if (error instanceof ThresholdConflictError) {
        const by = error.current.change;
        return fail(
          'conflict',
          `The live threshold changed to ${thresholdLabel(error.current.value)}${by ? ` (${by.actor}, ${by.at.slice(0, 16).replace('T', ' ')} UTC)` : ''} since this page was loaded. Reload and decide again.`,
        );
      }
      throw error;
    }
  },
);

export async function changeThresholdAction(
  previous: ActionState<ThresholdChange>,
  form: FormData,
): Promise<ActionResult<ThresholdChange>> {
  return change(previous, form);
}
