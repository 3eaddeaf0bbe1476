/**
 * @segkit/mock: the fake community is deterministic, realistic enough for the
 * demo, and fast enough for 100,000 members.
 */
import { DATASET_EPOCH, SEED_SEGMENTS, createRandom, generateDataset } from '@segkit/mock';
import { expect } from '../setup/expect.js';

const DAY = 86_400_000;

describe('mock dataset', () => {
  it('is deterministic: the same seed and size give identical data', () => {
    const a = generateDataset({ seed: 42, size: 2_000 });
    const b = generateDataset({ seed: 42, size: 2_000 });
    expect(JSON.stringify(a)).to.equal(JSON.stringify(b));
  });

  it('differs by seed, and a smaller size is not simply a prefix of another seed', () => {
    const a = generateDataset({ seed: 1, size: 500 });
    const b = generateDataset({ seed: 2, size: 500 });
    expect(a.members.map((m) => m.email)).to.not.deep.equal(b.members.map((m) => m.email));
  });

  it('has exactly `size` members with unique ids, emails and handles', () => {
    for (const size of [0, 10, 5_000]) {
      const { members } = generateDataset({ seed: 3, size });
      expect(members).to.have.length(size);
      expect(new Set(members.map((m) => m.id)).size).to.equal(size);
      expect(new Set(members.map((m) => m.email)).size).to.equal(size);
      expect(new Set(members.map((m) => m.attributes.handle)).size).to.equal(size);
    }
  });

  it('defaults to seed 1 and 10,000 members', () => {
    const { members } = generateDataset();
    expect(members).to.have.length(10_000);
    expect(JSON.stringify(members.slice(0, 20))).to.equal(JSON.stringify(generateDataset({ seed: 1, size: 20 }).members));
  });

  it('refuses sizes it cannot make', () => {
    expect(() => generateDataset({ size: -1 })).to.throw(RangeError);
    expect(() => generateDataset({ size: 1.5 })).to.throw(RangeError);
  });

  it('looks like a real community', () => {
    const { members } = generateDataset({ seed: 9, size: 10_000 });
    const niches = new Set(members.map((m) => m.attributes.niche));
    for (const niche of ['Fitness', 'Beauty', 'Gaming', 'Food', 'Travel', 'Tech', 'Fashion', 'Parenting']) {
      expect(niches, niche).to.include(niche);
    }
    const countries = new Set(members.map((m) => m.attributes.country));
    expect(countries.size).to.be.greaterThan(20);
    for (const country of countries) expect(country).to.match(/^[A-Z]{2}$/);

    for (const m of members) {
      expect(m.name).to.match(/^\S.* \S+/);
      expect(m.email).to.match(/^[a-z0-9._]+@[a-z0-9.-]+\.[a-z]+$/);
      expect(m.attributes.handle).to.match(/^@[a-z0-9._]+$/);
      const followers = m.attributes.followers as number;
      expect(Number.isInteger(followers) && followers >= 200 && followers <= 2_000_000, String(followers)).to.equal(true);
      const rate = m.attributes.engagementRate as number;
      expect(rate).to.be.within(0.2, 25);
      const joined = Date.parse(m.createdAt);
      expect(joined).to.be.within(DATASET_EPOCH - 3 * 365 * DAY, DATASET_EPOCH);
      if (m.avatarUrl !== undefined) expect(m.avatarUrl).to.match(/^https:\/\//);
    }

    // Names from several cultures, accents kept (search is accent-insensitive).
    expect(members.some((m) => /[áéíóúñçãõüöäåøłşğı]/i.test(m.name))).to.equal(true);
    const firsts = new Set(members.map((m) => m.name.split(' ')[0]));
    expect(firsts.size).to.be.greaterThan(150);

    // Followers are heavy-tailed: most are small, a few are huge.
    const followers = members.map((m) => m.attributes.followers as number).sort((a, b) => a - b);
    const median = followers[followers.length >> 1]!;
    expect(median).to.be.within(3_000, 30_000);
    expect(followers[followers.length - 1]!).to.be.greaterThan(300_000);

    // No third-party image URLs (offline, strict CSP): the widgets draw initials.
    expect(members.some((m) => m.avatarUrl !== undefined)).to.equal(false);
  });

  it('seeds the five segments, with descriptions, colours and metadata, and exact counts', () => {
    const { members, segments } = generateDataset({ seed: 5, size: 3_000 });
    expect(segments.map((s) => s.name)).to.deep.equal(['VIPs', 'Content Creators', 'Customers', 'High Priority', 'UGC Creators']);
    expect(segments.map((s) => s.id)).to.deep.equal(SEED_SEGMENTS.map((s) => s.id));
    const customers = segments.find((s) => s.name === 'Customers')!;
    expect(customers.metadata).to.deep.equal({ discountCode: 'CUSTOMER15' });
    for (const s of segments) {
      expect(s.description).to.be.a('string').and.not.empty;
      expect(s.color).to.match(/^#[0-9a-f]{6}$/);
      expect(s.memberCount).to.equal(members.filter((m) => m.segmentIds.includes(s.id)).length);
      expect(Date.parse(s.updatedAt)).to.be.at.least(Date.parse(s.createdAt));
    }
  });

  it('puts a good share in no segment (Unassigned) and some in several', () => {
    const { members } = generateDataset({ seed: 5, size: 5_000 });
    const none = members.filter((m) => m.segmentIds.length === 0).length / members.length;
    const several = members.filter((m) => m.segmentIds.length >= 2).length / members.length;
    expect(none).to.be.within(0.3, 0.55);
    expect(several).to.be.within(0.1, 0.5);
    for (const m of members) expect(new Set(m.segmentIds).size).to.equal(m.segmentIds.length);
  });

  // How fast is measured by `npm run bench`, not here: timed tests flake on busy CI machines.
  it('generates 100,000 members with unique ids', () => {
    const { members } = generateDataset({ seed: 11, size: 100_000 });
    expect(members).to.have.length(100_000);
    expect(new Set(members.map((m) => m.id)).size).to.equal(100_000);
  });

  it('has a seeded random source', () => {
    const a = createRandom(7);
    const b = createRandom(7);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(xs).to.deep.equal(Array.from({ length: 5 }, () => b.next()));
    for (const x of xs) expect(x).to.be.within(0, 1);
  });
});
