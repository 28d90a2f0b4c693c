// The online feature state: every card's and terminal's recent history, updated one transaction at a
// time. It hands `featureVector` the context before each transaction, and serialises to JSON so a
// worker or the scoring API can restart where it left off.
import type { Transaction } from '@/lib/schema/transaction';

import {
  CARD_COLUMNS,
  cardEntry,
  DAY_MS,
  featureVectorAt,
  LABEL_DELAY_DAYS,
  TERMINAL_COLUMNS,
  terminalEntry,
  type FeatureContext,
  type FeatureSetName,
} from './definitions';
import { Timeline, type PackedTimeline, type TimelineSnapshot } from './timeline';

/** How far back each history must reach for the longest window. */
const CARD_RETENTION_MS = 30 * DAY_MS;
const TERMINAL_RETENTION_MS = (LABEL_DELAY_DAYS + 30) * DAY_MS;

interface TerminalHistory {
  timeline: Timeline;
  firstFraudMs: number | null;
}

/** The context before one transaction as plain data: what a review item stores for rescoring. */
export interface ContextSnapshot {
  card: TimelineSnapshot;
  terminal: TimelineSnapshot;
  terminalFirstFraudMs: number | null;
}

/** Rebuilds a feature context from a stored snapshot (rescoring an edited transaction). */
export function contextFromSnapshot(snapshot: ContextSnapshot): FeatureContext {
  return {
    card: Timeline.fromSnapshot(snapshot.card, CARD_COLUMNS),
    terminal: Timeline.fromSnapshot(snapshot.terminal, TERMINAL_COLUMNS),
    terminalFirstFraudMs: snapshot.terminalFirstFraudMs,
  };
}

interface StateSnapshot<T> {
  cards: Record<string, T>;
  terminals: Record<string, { timeline: T; firstFraudMs: number | null }>;
}

/** The state as checkpoints hold it: every timeline packed (PackedTimeline). */
export interface FeatureStateSnapshot extends StateSnapshot<PackedTimeline> {
  version: 2;
}

/**
 * The form checkpoints had before version 2: an array per timeline entry. Still restored; it cost
 * about 2.5× as much to write (0.35 s per file for the demo's 5,000 cards, once per ingested file).
 */
export interface FeatureStateSnapshotV1 extends StateSnapshot<TimelineSnapshot> {
  version: 1;
}

const EMPTY_CARD = new Timeline(CARD_COLUMNS);
const EMPTY_TERMINAL = new Timeline(TERMINAL_COLUMNS);

export class FeatureState {
  private readonly cards = new Map<string, Timeline>();
  private readonly terminals = new Map<string, TerminalHistory>();

  /** The context before `tx`: read-only views of its card's and terminal's history. */
  context(tx: Pick<Transaction, 'card_id' | 'terminal_id'>): FeatureContext {
    const terminal = this.terminals.get(tx.terminal_id);
    return {
      card: this.cards.get(tx.card_id) ?? EMPTY_CARD,
      terminal: terminal?.timeline ?? EMPTY_TERMINAL,
      terminalFirstFraudMs: terminal?.firstFraudMs ?? null,
    };
  }

  /**
   * The context before `tx` as plain data, trimmed to what any window can reach, so a transaction
   * edited within a day of its original time recomputes to the same features from it.
   */
  contextSnapshot(tx: Transaction): ContextSnapshot {
    const t = Date.parse(tx.timestamp);
    const ctx = this.context(tx);
    return {
      card: ctx.card.snapshot(t - CARD_RETENTION_MS - DAY_MS),
      terminal: ctx.terminal.snapshot(t - TERMINAL_RETENTION_MS - DAY_MS),
      terminalFirstFraudMs: ctx.terminalFirstFraudMs,
    };
  }

  /** Records `tx` (with its label, when known) so later transactions see it. */
  add(tx: Transaction): void {
    const t = Date.parse(tx.timestamp);
    const card = this.cardOf(tx);
    this.record(tx, t, card, this.terminalOf(tx), cardEntry(tx, card, t));
  }

  /** Online path: the features of `tx` from the state before it, then the state moves past it. */
  next(tx: Transaction, set: FeatureSetName): number[] {
    return this.nextAt(tx, Date.parse(tx.timestamp), set);
  }

  /** `next` with the transaction's time already parsed (epoch ms of `tx.timestamp`). */
  nextAt(tx: Transaction, t: number, set: FeatureSetName): number[] {
    // An empty history reads as no history, so the card and terminal are created before the features.
    const card = this.cardOf(tx);
    const terminal = this.terminalOf(tx);
    const entry = cardEntry(tx, card, t);
    const context = { card, terminal: terminal.timeline, terminalFirstFraudMs: terminal.firstFraudMs };
    const vector = featureVectorAt(tx, t, context, set, entry);
    this.record(tx, t, card, terminal, entry);
    return vector;
  }

  private cardOf(tx: Pick<Transaction, 'card_id'>): Timeline {
    let card = this.cards.get(tx.card_id);
    if (!card) this.cards.set(tx.card_id, (card = new Timeline(CARD_COLUMNS)));
    return card;
  }

  private terminalOf(tx: Pick<Transaction, 'terminal_id'>): TerminalHistory {
    let terminal = this.terminals.get(tx.terminal_id);
    if (!terminal) {
      terminal = { timeline: new Timeline(TERMINAL_COLUMNS), firstFraudMs: null };
      this.terminals.set(tx.terminal_id, terminal);
    }
    return terminal;
  }

  /** Appends `tx` (whose card entry is `cardValues`) to its card's and terminal's history. */
  private record(
    tx: Transaction,
    t: number,
    card: Timeline,
    terminal: TerminalHistory,
    cardValues: readonly number[],
  ): void {
    card.add(t, cardValues);
    card.evict(t - CARD_RETENTION_MS);
    terminal.timeline.add(t, terminalEntry(tx, cardValues));
    terminal.timeline.evict(t - TERMINAL_RETENTION_MS);
    if (tx.is_fraud && (terminal.firstFraudMs === null || t < terminal.firstFraudMs))
      terminal.firstFraudMs = t;
  }

  get size(): { cards: number; terminals: number } {
    return { cards: this.cards.size, terminals: this.terminals.size };
  }

  snapshot(): FeatureStateSnapshot {
    const cards: FeatureStateSnapshot['cards'] = {};
    for (const [id, timeline] of this.cards) cards[id] = timeline.pack();
    const terminals: FeatureStateSnapshot['terminals'] = {};
    for (const [id, { timeline, firstFraudMs }] of this.terminals) {
      terminals[id] = { timeline: timeline.pack(), firstFraudMs };
    }
    return { version: 2, cards, terminals };
  }

  static restore(snapshot: FeatureStateSnapshot | FeatureStateSnapshotV1): FeatureState {
    const state = new FeatureState();
    if (snapshot.version === 2) {
      state.load(snapshot, Timeline.fromPacked);
    } else if (snapshot.version === 1) {
      state.load(snapshot, Timeline.fromSnapshot);
    } else {
      throw new Error(
        `unsupported feature state version ${String((snapshot as { version: unknown }).version)}`,
      );
    }
    return state;
  }

  private load<T>(snapshot: StateSnapshot<T>, rebuild: (t: T, columns: readonly string[]) => Timeline): void {
    for (const [id, s] of Object.entries(snapshot.cards)) this.cards.set(id, rebuild(s, CARD_COLUMNS));
    for (const [id, s] of Object.entries(snapshot.terminals)) {
      this.terminals.set(id, {
        timeline: rebuild(s.timeline, TERMINAL_COLUMNS),
        firstFraudMs: s.firstFraudMs,
      });
    }
  }
}

/** Orders transactions as every path processes them: by time, then id (ties are common in files). */
export function compareTransactions(a: Transaction, b: Transaction): number {
  return a.timestamp < b.timestamp
    ? -1
    : a.timestamp > b.timestamp
      ? 1
      : a.transaction_id < b.transaction_id
        ? -1
        : a.transaction_id > b.transaction_id
          ? 1
          : 0;
}

/**
 * Batch path: the features of a whole file or lake window at once, in time order, continuing from
 * `state` (the history before the batch). Returns the rows sorted, each with its vector.
 */
export function batchFeatures(
  transactions: readonly Transaction[],
  set: FeatureSetName,
  state: FeatureState = new FeatureState(),
): { rows: Transaction[]; vectors: number[][] } {
  const rows = [...transactions].sort(compareTransactions);
  const vectors = rows.map((tx) => state.next(tx, set));
  return { rows, vectors };
}
