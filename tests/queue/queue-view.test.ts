import { describe, expect, test } from 'vitest';

import {
  clearFilters,
  DEFAULT_VIEW,
  firstPage,
  hasFilters,
  MAX_PAGE_TRAIL,
  nextPage,
  pageNumber,
  parseQueueView,
  previousPage,
  queueHref,
  queueViewToParams,
  toStoreFilters,
  type QueueView,
} from '@/components/queue/queue-view';

const parse = (qs: string) => parseQueueView(new URLSearchParams(qs));

describe('parseQueueView', () => {
  test('an empty URL is the open queue by score, 50 a page', () => {
    expect(parse('')).toEqual({ view: DEFAULT_VIEW, ignored: [] });
  });

  test('reads every filter', () => {
    const { view, ignored } = parse(
      'status=escalated&order=age&from=2024-05-01&to=2024-05-03&min_score=50&min_amount=10&max_amount=250.5' +
        '&channel=ecommerce&card_country=fr&merchant_country=US&mcc=5411&assignee=unassigned&size=100',
    );
    expect(ignored).toEqual([]);
    expect(view).toEqual({
      status: 'escalated',
      order: 'age',
      from: '2024-05-01',
      to: '2024-05-03',
      minScore: 50,
      minAmount: 10,
      maxAmount: 250.5,
      channel: 'ecommerce',
      cardCountry: 'FR',
      merchantCountry: 'US',
      mcc: '5411',
      assignee: 'unassigned',
      size: 100,
      trail: [],
    });
  });

  test('accepts the record form Next passes to pages, taking the first of repeated values', () => {
    const { view } = parseQueueView({ channel: ['chip', 'swipe'], mcc: '5999', other: 'x' });
    expect(view.channel).toBe('chip');
    expect(view.mcc).toBe('5999');
  });

  test('blank fields from a GET form mean "not set"', () => {
    expect(parse('from=&min_score=&channel=&mcc=+')).toEqual({ view: DEFAULT_VIEW, ignored: [] });
  });

  test('drops and reports each bad parameter, keeping the good ones', () => {
    const { view, ignored } = parse(
      'status=closed&min_score=101&min_amount=-5&channel=atm&mcc=54&from=2024-02-30&card_country=FRA&size=7&cursor=%7B%7D&order=score',
    );
    expect(view).toEqual(DEFAULT_VIEW);
    expect(ignored.map((i) => i.param).sort()).toEqual(
      [
        'card_country',
        'channel',
        'cursor',
        'from',
        'mcc',
        'min_amount',
        'min_score',
        'size',
        'status',
      ].sort(),
    );
    expect(ignored.find((i) => i.param === 'min_score')).toMatchObject({
      value: '101',
      message: 'a score is a percentage from 0 to 100',
    });
  });

  test('contradictory bounds keep the lower one and say why', () => {
    const { view, ignored } = parse('from=2024-05-03&to=2024-05-01&min_amount=100&max_amount=20');
    expect(view.from).toBe('2024-05-03');
    expect(view.to).toBeUndefined();
    expect(view.minAmount).toBe(100);
    expect(view.maxAmount).toBeUndefined();
    expect(ignored.map((i) => i.param)).toEqual(['to', 'max_amount']);
  });

  test('a trail without a cursor is ignored', () => {
    expect(parse('prev=-').view.trail).toEqual([]);
  });
});

describe('URL round trip', () => {
  const views: QueueView[] = [
    DEFAULT_VIEW,
    { ...DEFAULT_VIEW, status: 'fraud', order: 'age', size: 25 },
    {
      ...DEFAULT_VIEW,
      from: '2024-05-01',
      to: '2024-05-01',
      minScore: 12.5,
      minAmount: 0,
      maxAmount: 99.99,
      channel: 'contactless',
      cardCountry: 'DE',
      merchantCountry: 'GB',
      mcc: '7011',
      assignee: 'alice (local)',
      cursor: 'eyJ2IjoxfQ',
      trail: [undefined, 'abc_DEF-1'],
    },
  ];
  test.each(views)('parse(toParams(view)) is the view', (view) => {
    expect(parse(queueViewToParams(view).toString())).toEqual({ view, ignored: [] });
  });

  test('defaults are left out of links', () => {
    expect(queueHref(DEFAULT_VIEW)).toBe('/queue');
    expect(queueHref({ ...DEFAULT_VIEW, mcc: '5411', status: 'escalated' })).toBe(
      '/queue?status=escalated&mcc=5411',
    );
  });
});

describe('pages', () => {
  test('next and previous walk a trail of cursors back to the first page', () => {
    const p1 = DEFAULT_VIEW;
    const p2 = nextPage(p1, 'c2');
    const p3 = nextPage(p2, 'c3');
    expect(pageNumber(p1)).toBe(1);
    expect(pageNumber(p3)).toBe(3);
    expect(p3).toMatchObject({ cursor: 'c3', trail: [undefined, 'c2'] });
    expect(parse(queueViewToParams(p3).toString()).view).toEqual(p3);
    expect(previousPage(p3)).toEqual(p2);
    expect(previousPage(p2)).toEqual(p1);
    expect(previousPage(p1)).toBeNull();
  });

  test('the trail is capped so links stay short', () => {
    let view = DEFAULT_VIEW;
    for (let i = 0; i < MAX_PAGE_TRAIL + 5; i++) view = nextPage(view, `c${i}`);
    expect(view.trail).toHaveLength(MAX_PAGE_TRAIL);
    expect(parse(queueViewToParams(view).toString()).ignored).toEqual([]);
  });

  test('changing the view starts over on page 1; clearing filters keeps status and order', () => {
    const deep = nextPage(nextPage({ ...DEFAULT_VIEW, mcc: '5411', order: 'age' }, 'a'), 'b');
    expect(firstPage(deep, { channel: 'chip' })).toEqual({
      ...DEFAULT_VIEW,
      order: 'age',
      mcc: '5411',
      channel: 'chip',
    });
    expect(clearFilters(deep)).toEqual({ ...DEFAULT_VIEW, order: 'age' });
    expect(hasFilters(deep)).toBe(true);
    expect(hasFilters(clearFilters(deep))).toBe(false);
  });
});

describe('toStoreFilters', () => {
  test('days become whole UTC days and assignee keywords resolve', () => {
    const view = { ...DEFAULT_VIEW, from: '2024-05-01', to: '2024-05-02', assignee: 'me', minScore: 10 };
    expect(toStoreFilters(view, 'ann (local)')).toEqual({
      from: '2024-05-01T00:00:00.000Z',
      to: '2024-05-02T23:59:59.999Z',
      minScore: 0.1,
      assignee: 'ann (local)',
    });
    expect(toStoreFilters({ ...DEFAULT_VIEW, assignee: 'unassigned' }, 'x').assignee).toBeNull();
    expect(toStoreFilters({ ...DEFAULT_VIEW, assignee: 'bob' }, 'x').assignee).toBe('bob');
    expect(toStoreFilters(DEFAULT_VIEW, 'x')).toEqual({});
  });
});
