// The demo bootstrap's simulated analyst: import from '@/lib/demo'.
export {
  demoCutoff,
  type DemoAnalystCounts,
  type DemoAnalystOptions,
  type DemoAnalystProgress,
  runDemoAnalyst,
} from './demo-analyst';
export {
  DEMO_ANALYST,
  DEMO_RATES,
  type DemoDecision,
  demoDecision,
  type DemoItem,
  type DemoRates,
} from './demo-decision';
