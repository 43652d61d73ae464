import { describe, expect, it } from 'vitest';
import { fieldSlug, fillStub } from '../../../main/secret-server';
import { page } from '../../../simulators/shared/paging';

describe('paging envelope and slugs', () => {
  it('pages like Secret Server', () => {
    const p = page(
      [1, 2, 3, 4, 5].map((id) => ({ id })),
      new URLSearchParams('skip=2&take=2&sortBy[0].name=id&sortBy[0].direction=desc'),
    );
    expect(p.records).toEqual([{ id: 3 }, { id: 2 }]);
    expect(p).toMatchObject({ total: 5, hasNext: true, hasPrev: true, nextSkip: 4, prevSkip: 0, currentPage: 2, pageCount: 3 });
  });

  it('derives slugs and fills stubs by slug, refusing unknown slugs', () => {
    expect(fieldSlug('Secret Key')).toBe('secret-key');
    const stub = {
      secretTemplateId: 5,
      folderId: 2,
      siteId: 1,
      items: [
        { slug: 'access-key', itemValue: '' },
        { slug: 'secret-key', itemValue: '' },
      ],
    };
    const args = fillStub(stub, 'aws', { 'access-key': 'AK' });
    expect(args.items.map((i) => i.itemValue)).toEqual(['AK', '']);
    expect(() => fillStub(stub, 'aws', { nope: 'x' })).toThrow(/nope/);
  });
});
