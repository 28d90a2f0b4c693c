// Typed failures the console turns into messages: a stale write ("changed by X at T, reload"), a
// missing item, and a cursor that does not belong to the list it was sent to.
import type { AuditAction, ReviewItem, ReviewStatus } from './schema';

/** What a conflicting writer needs to tell the user who got there first. */
export interface CurrentState {
  version: number;
  status: ReviewStatus;
  updated_by: string;
  updated_at: string;
  last_action: AuditAction;
  assignee?: string;
  claim_expires_at?: string;
}

export class ReviewConflictError extends Error {
  override readonly name = 'ReviewConflictError';
  constructor(
    readonly transactionId: string,
    readonly expectedVersion: number,
    readonly current: CurrentState,
  ) {
    super(
      `review ${transactionId} changed: expected version ${expectedVersion}, now version ${current.version} ` +
        `(${current.last_action} by ${current.updated_by} at ${current.updated_at})`,
    );
  }
}

export class ReviewNotFoundError extends Error {
  override readonly name = 'ReviewNotFoundError';
  constructor(readonly transactionId: string) {
    super(`no review item for transaction ${transactionId}`);
  }
}

/** A release by someone who does not hold the claim (it expired and was taken over, or never theirs). */
export class NotClaimHolderError extends Error {
  override readonly name = 'NotClaimHolderError';
  constructor(
    readonly transactionId: string,
    readonly analyst: string,
    readonly current: CurrentState,
  ) {
    super(`review ${transactionId} is not claimed by ${analyst}`);
  }
}

export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
  constructor(detail: string) {
    super(`invalid page cursor: ${detail}`);
  }
}

export class AlertNotFoundError extends Error {
  override readonly name = 'AlertNotFoundError';
  constructor(readonly alertId: string) {
    super(`no alert ${alertId}`);
  }
}

/** True for the SDK's failed-condition error, whatever the deployment. */
export function isConditionFailed(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

export function currentStateOf(item: ReviewItem): CurrentState {
  return {
    version: item.version,
    status: item.status,
    updated_by: item.updated_by,
    updated_at: item.updated_at,
    last_action: item.last_action,
    ...(item.assignee ? { assignee: item.assignee } : {}),
    ...(item.claim_expires_at ? { claim_expires_at: item.claim_expires_at } : {}),
  };
}
