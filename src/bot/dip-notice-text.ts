import { z } from 'zod';
import { escapeMarkdown } from '../domain/plain-text.js';
import { dayText } from '../domain/wording.js';
import type { ServiceContext } from '../service/service-context.js';
import { shortName } from './cards/short-name.js';
import { monthLabel } from './dip-card-data.js';

const details = z.object({
  period: z.string().regex(/^\d{4}-\d{2}$/),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  units: z.array(z.object({ unitId: z.string(), done: z.number(), total: z.number(), inspectorIds: z.array(z.string()) })).min(1),
});

/**
 * The month's drawn sample and the dip audits' reminder to an inspector, and the overdue audits to a senior lead
 * (src/service/dip-audit-reminders.ts),
 * as the chat message: units, counts and names of the people over them (escaped, shown as Markdown), never a case.
 */
export async function dipNoticeText(
  services: Pick<ServiceContext, 'people' | 'queries'>,
  kind: 'dip_sample_drawn' | 'dip_audit_reminder' | 'dip_audit_overdue',
  raw: unknown,
): Promise<string> {
  const notice = details.parse(raw);
  const names = new Map((await services.queries.listUnits()).map((unit) => [unit.id, unit.name]));
  const unitName = (id: string) => escapeMarkdown(shortName(names.get(id) ?? id));
  const personName = async (id: string) => escapeMarkdown((await services.people.findById(id))?.name ?? id);
  const month = monthLabel(notice.period);
  const command = `"dip sample ${notice.period}"`;
  const counts = (u: { done: number; total: number }) => `${u.done} of ${u.total} done, ${u.total - u.done} left`;
  if (kind === 'dip_sample_drawn') {
    const cases = notice.units.reduce((n, u) => n + u.total, 0);
    const units = notice.units.map((u) => `${unitName(u.unitId)} ${u.total}`).join('; ');
    return (
      `${month}'s dip sample is drawn: ${cases} ${cases === 1 ? 'case' : 'cases'} to audit (${units}), due by ` +
      `${dayText(notice.day)}. Say ${command} to open the sample.`
    );
  }
  if (kind === 'dip_audit_reminder') {
    const units = notice.units.map((u) => `${unitName(u.unitId)}: ${counts(u)}`).join('; ');
    return `Reminder: ${month}'s dip-sample audits are due by ${dayText(notice.day)}. ${units}. Say ${command} to open the sample.`;
  }
  // One line per inspector (their units' counts), so a force's senior lead reads who is behind.
  const byInspectors = new Map<string, string[]>();
  for (const u of notice.units) {
    const inspectors = (await Promise.all(u.inspectorIds.map(personName))).join(', ') || 'No inspector';
    byInspectors.set(inspectors, [...(byInspectors.get(inspectors) ?? []), `${unitName(u.unitId)} ${counts(u)}`]);
  }
  const lines = [...byInspectors].map(([inspectors, units]) => `- ${inspectors}: ${units.join('; ')}`);
  return (
    `Overdue: ${month}'s dip-sample audits were not all submitted by ${dayText(notice.day)}.\n\n${lines.join('\n')}\n\n` +
    `Say ${command} to see the sample.`
  );
}
