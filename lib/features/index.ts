// Public surface of the feature layer.
export * from './definitions';
export * from './state';
export { Timeline, type PackedTimeline, type TimelineSnapshot } from './timeline';
