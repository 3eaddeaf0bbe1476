/**
 * The host chooses the member table's columns: here the ones a brand's
 * ambassador team looks at (reach, engagement, niche), with host renderers
 * for country names and engagement rates. Renderers return text or Lit
 * templates; member data is never parsed as HTML.
 */
import type { Member } from '@segkit/core';
import { html } from 'lit';

interface CellContext {
  formatNumber(value: number): string;
}

/** The shape `segkit-member-table`'s `columns` takes (structural, so the demo builds before the element lands). */
export interface Column {
  key: string;
  label: string;
  sortable?: boolean;
  sortKey?: string;
  width?: string;
  align?: 'start' | 'center' | 'end';
  render?: (member: Member, ctx: CellContext) => unknown;
}

const regions = new Intl.DisplayNames(['en'], { type: 'region' });
const country = (code: unknown) => {
  if (typeof code !== 'string' || !/^[A-Z]{2}$/.test(code)) return '';
  try {
    return regions.of(code) ?? code;
  } catch {
    return code;
  }
};

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

export const columns: Column[] = [
  { key: 'name', label: 'Ambassador', sortable: true, width: 'minmax(200px, 2.2fr)' },
  { key: 'segments', label: 'Segments', sortable: true, width: 'minmax(180px, 2fr)' },
  { key: 'attributes.niche', label: 'Niche', sortable: true, width: 'minmax(100px, 1fr)' },
  {
    key: 'attributes.followers',
    label: 'Followers',
    sortable: true,
    width: 'minmax(136px, 0.8fr)',
    align: 'end',
    render: (m) => {
      const n = m.attributes.followers;
      return typeof n === 'number' ? html`<span title=${n.toLocaleString('en')}>${compact.format(n)}</span>` : '';
    },
  },
  {
    key: 'attributes.engagementRate',
    label: 'Engagement',
    sortable: true,
    width: 'minmax(144px, 0.8fr)',
    align: 'end',
    render: (m) => {
      const rate = m.attributes.engagementRate;
      return typeof rate === 'number' ? `${rate.toFixed(1)}%` : '';
    },
  },
  {
    key: 'attributes.country',
    label: 'Country',
    sortable: true,
    width: 'minmax(132px, 1fr)',
    render: (m) => country(m.attributes.country),
  },
];
