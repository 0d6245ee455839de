import { describe, expect, it } from 'vitest';
import { escapeMarkup } from '../../../../src/service/report/markup.js';
import { COMPACT_FROM, reportHtml } from '../../../../src/service/report/report-html.js';
import { trendChartSvg } from '../../../../src/service/report/trend-chart-svg.js';
import { sampleReport } from '../../../fixtures/performance-report.js';

describe('the performance report as one printable page', () => {
  const report = sampleReport();
  const html = reportHtml(report);

  it("escapes every name from the records: a unit's markup never becomes a tag", () => {
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co');
    expect(html).toContain('North &quot;A&quot; Team, 1');
    expect(html).toContain('=HYPERLINK(&quot;http://x&quot;)');
    expect(escapeMarkup(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('is one A4 page to print, with no script and nothing fetched from elsewhere', () => {
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('@page { size: A4 portrait;');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|\bhref=|url\(|@import/i);
    expect(html.match(/<svg /g)).toHaveLength(1);
  });

  it("shows the force's name, the unit, the month beside the previous one, and a row per unit", () => {
    expect(html).toContain('<p class="force">Example Constabulary</p>');
    expect(html).toContain('<h1>North LPA: Victims&#39; Code compliance, October 2026</h1>');
    expect(html).toContain('at the end of October 2026, beside the end of September 2026');
    expect(html.match(/<tr class="(unit|child)">/g)).toEqual(['<tr class="unit">', '<tr class="child">', '<tr class="child">']);
    expect(html.match(/<th scope="col">/g)).toHaveLength(7);
    // The command's fully compliant cell: AMBER, 87.5%, 35 of 40, up 2.5 points from 85.0%.
    expect(html).toContain(
      '<td><span class="rag AMBER">A</span><span class="rate">87.5%</span><span class="small">35 of 40</span>' +
        '<span class="small">+2.5 pts</span><span class="small">was 85.0%</span></td>',
    );
    expect(html).toContain('<span class="rate">—</span><span class="small">none it applies to</span>');
  });

  it("shows the month's dip-sample audits beside the records' figure for the same cases, counts only", () => {
    expect(html).toContain(
      '<p class="dip"><strong>Dip-sample audits, October 2026:</strong> 8 of 20 drawn cases audited (12 outstanding). ' +
        'Code compliant (reviewers) 62.5% (5 of 8) · good service 75.0% (6 of 8) · ' +
        'fully compliant by the records, same cases, 87.5% (7 of 8) · records compliant, reviewer not: 2.</p>',
    );
    const notYet = reportHtml({ ...report, dipAudits: { state: 'not_drawn_yet', period: '2026-10', drawOn: '2026-10-01' } });
    expect(notYet).toContain('<strong>Dip-sample audits, October 2026:</strong> the sample is drawn on Thu 1 Oct.</p>');
  });

  it('sets a table of many child units compact (two lines a cell), so a command of twelve teams still fits one sheet', () => {
    expect(html).toContain('<body>');
    const child = report.units[1] as (typeof report.units)[number];
    const teams = Array.from({ length: COMPACT_FROM - 1 }, (_, i) => ({ ...child, unit: { ...child.unit, id: `T${i}` } }));
    const many = reportHtml({ ...report, units: [report.units[0] as (typeof report.units)[number], ...teams] });
    expect(many).toContain('<body class="compact">');
    expect(many).toContain(
      '<td><span class="rag AMBER">A</span><span class="rate">87.5%</span><span class="inline">35/40</span>' +
        '<span class="small">+2.5 pts · was 85.0%</span></td>',
    );
  });

  it('says a running month is so far, and when it was read', () => {
    const running = reportHtml({ ...report, period: { ...report.period, ended: false, snapshotAt: '2026-10-20T09:30:00.000Z' } });
    expect(running).toContain('so far (the month has not ended), at 10:30 Tue 20 Oct 2026');
  });
});

describe('the trend chart', () => {
  const report = sampleReport();
  const svg = trendChartSvg(report);

  it('labels every month-end and draws the target and the AMBER floor', () => {
    for (const point of report.trend) expect(svg).toContain(`>${point.short}</text>`);
    expect(svg).toContain('Target 90.0%');
    expect(svg).toContain('AMBER from 85.0%');
  });

  it('breaks a line at a month with no figure, and draws no line for a duty that never applied', () => {
    const lines = (colour: string) => svg.match(new RegExp(`<polyline fill="none" stroke="${colour}"`, 'g'))?.length ?? 0;
    expect(lines('#111111'), 'fully compliant: one run from the third month').toBe(1);
    expect(lines('#8a5a2b'), 'referral: broken by the month without one').toBe(2);
    expect(lines('#c0307a'), 'key decisions: no figures at all').toBe(0);
  });

  it('escapes the labels it is given', () => {
    const odd = trendChartSvg({
      ...report,
      trend: report.trend.map((point) => ({ ...point, short: '<b>' })),
      measures: report.measures.map((m) => ({ ...m, label: `${m.label} & <i>` })),
    });
    expect(odd).not.toMatch(/<b>|<i>/);
    expect(odd).toContain('&lt;b&gt;');
  });
});
