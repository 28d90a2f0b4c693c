// The `realistic` profile: a believable European card portfolio, one day at a time — legitimate
// traffic first, then skimmed-terminal labels, then the injected fraud episodes.
import { materializeDay, RawDay, type SimulatedDay } from '../day';
import { DAY_MS, dayAfter, startMs, type SimulateOptions } from '../options';
import { Rng } from '../random';
import { FraudPatterns } from './fraud';
import { Traffic } from './traffic';
import { buildWorld } from './world';

export function* simulateRealistic(o: SimulateOptions): Generator<SimulatedDay> {
  const world = buildWorld(o);
  // Separate streams: the fraud settings can change without reshuffling legitimate traffic.
  const traffic = new Traffic(world, new Rng(o.seed, 'realistic/traffic'));
  const fraud = new FraudPatterns(world, new Rng(o.seed, 'realistic/fraud'), o);
  const firstMs = startMs(o.start);
  const raw = new RawDay();
  for (let d = 0; d < o.days; d++) {
    const dayMs = firstMs + d * DAY_MS;
    const weekday = new Date(dayMs).getUTCDay();
    raw.clear();
    fraud.beginDay(d);
    traffic.day(raw, weekday);
    fraud.labelSkimmedTerminals(raw, d);
    fraud.inject(raw, d, weekday);
    yield materializeDay(dayAfter(o.start, d), raw, world.catalog);
  }
}
