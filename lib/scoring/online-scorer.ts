// Real-time scoring: features from the online feature state (so a burst of transactions on one card
// raises its later scores), the served model, and optional top attributions. The state moves past each
// scored transaction; one scorer per process, shared by every request.
import { compareTransactions, FeatureState, type FeatureSetName } from '@/lib/features';
import { modelFeatureSet, modelInput } from '@/lib/model/feature-set';
import type { FraudModel } from '@/lib/model/scorer';
import type { Transaction } from '@/lib/schema/transaction';

export interface ScoreResult {
  transaction_id: string;
  score: number;
  decision: 'review' | 'pass';
  top_attributions?: { feature: string; value: number | null; contribution: number }[];
}

export class OnlineScorer {
  private readonly set: FeatureSetName;
  private readonly projection: readonly number[] | null;

  constructor(
    readonly model: FraudModel,
    /** The online feature state (read it, e.g. its size; only `score` moves it). */
    readonly state: FeatureState = new FeatureState(),
  ) {
    ({ set: this.set, projection: this.projection } = modelFeatureSet(model));
  }

  /**
   * Scores transactions in time order (results come back in request order). `explain` > 0 adds that
   * many attributions, largest |contribution| first. `threshold` is the live one (an admin may have
   * moved it from the manifest's; lib/threshold/live.ts).
   */
  async score(
    transactions: readonly Transaction[],
    explain = 0,
    threshold = this.model.threshold,
  ): Promise<ScoreResult[]> {
    const order = transactions
      .map((_, i) => i)
      .sort((a, b) => compareTransactions(transactions[a]!, transactions[b]!));
    const inputs: (readonly number[])[] = new Array(transactions.length);
    for (const i of order) {
      // `next` is features from the state before tx, then the state moves past it: one time parse.
      inputs[i] = modelInput(this.state.next(transactions[i]!, this.set), this.projection);
    }
    const scores = await this.model.scoreBatch(inputs);
    return transactions.map((tx, i) => {
      const score = scores[i]!;
      const result: ScoreResult = {
        transaction_id: tx.transaction_id,
        score: score.probability,
        decision: score.probability >= threshold ? 'review' : 'pass',
      };
      if (explain > 0) {
        result.top_attributions = this.model
          .explain(inputs[i]!)
          .attributions.filter((a) => a.phi !== 0)
          .sort((a, b) => Math.abs(b.phi) - Math.abs(a.phi))
          .slice(0, explain)
          .map((a) => ({ feature: a.feature, value: a.value, contribution: a.phi }));
      }
      return result;
    });
  }
}
