/**
 * The filter through its own interface: draft, applied query, and the one
 * notification a change of the applied query gives.
 */
import type { MemberQuery } from '../../packages/core/src/model.js';
import { emptyFilter } from '../../packages/core/src/model.js';
import { cleanFilter, createFilter } from '../../packages/core/src/store/filter.js';
import { expect } from '../setup/expect.js';

function setup() {
  const applied: MemberQuery[] = [];
  const filter = createFilter({ onQuery: (query) => applied.push(query) });
  return { filter, applied };
}

describe('filter', () => {
  it('keeps the draft apart from the applied query until apply()', () => {
    const { filter, applied } = setup();
    filter.setSort({ key: 'createdAt', dir: 'desc' });
    filter.setDraft({ include: ['vips'], match: 'all' });
    expect(filter.$query.get().include).to.deep.equal([]);
    expect(applied).to.have.length(1, 'only the sort so far');
    filter.apply();
    expect(filter.$query.get()).to.deep.include({ include: ['vips'], match: 'all', sort: { key: 'createdAt', dir: 'desc' } });
    expect(applied).to.have.length(2);
    filter.apply();
    expect(applied, 'applying the same query again changes nothing').to.have.length(2);
  });

  it('lets the latest include / exclude choice win, once per id', () => {
    const base = { ...emptyFilter(), exclude: ['vips', 'creators'] };
    expect(cleanFilter({ include: ['vips', 'vips'] }, base)).to.deep.include({ include: ['vips'], exclude: ['creators'] });
    expect(cleanFilter({ include: ['vips'], exclude: ['vips'] }, base).exclude).to.include('vips');
    expect(() => cleanFilter({ match: 'some' as never }, base)).to.throw().with.property('code', 'invalid-input');
  });

  it('applies a search and a sort at once, normalising the direction', () => {
    const { filter, applied } = setup();
    filter.setSearch('ana');
    expect(filter.$draft.get().search).to.equal('ana');
    expect(filter.$query.get().search).to.equal('ana');
    filter.setSort({ key: 'name', dir: 'sideways' as never });
    expect(filter.$query.get().sort).to.deep.equal({ key: 'name', dir: 'asc' });
    expect(applied.map((q) => q.search)).to.deep.equal(['ana'], 'name ascending was already the sort');
  });

  it('applyFilter sets draft and query at once; reset clears both and keeps the sort', () => {
    const { filter } = setup();
    filter.setSort({ key: 'email', dir: 'desc' });
    filter.applyFilter({ include: ['vips'], search: 'x' });
    expect(filter.$draft.get()).to.deep.include({ include: ['vips'], search: 'x' });
    expect(filter.$query.get()).to.deep.include({ include: ['vips'], search: 'x' });
    filter.reset();
    expect(filter.$draft.get()).to.deep.equal(emptyFilter());
    expect(filter.$query.get()).to.deep.equal({ ...emptyFilter(), sort: { key: 'email', dir: 'desc' } });
  });

  it('drops a deleted segment from draft and query, re-applying only when the query named it', () => {
    const { filter, applied } = setup();
    filter.applyFilter({ include: ['vips'], exclude: ['creators'] });
    filter.setDraft({ include: ['vips', 'partners'] });
    applied.length = 0;
    filter.dropSegment('partners');
    expect(filter.$draft.get().include).to.deep.equal(['vips']);
    expect(applied).to.have.length(0);
    filter.dropSegment('creators');
    expect(filter.$query.get().exclude).to.deep.equal([]);
    expect(filter.$draft.get().exclude).to.deep.equal([]);
    expect(applied).to.have.length(1);
  });
});
