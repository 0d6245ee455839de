import type { AdaptiveCard, QuestionButton } from './adaptive-card.js';
import { expandTemplate } from './expand-template.js';
import { questionButtonViews } from './question-buttons.js';

export interface HelpCardData {
  /** Example questions, one button each: a tap asks it. */
  exampleQuestions: QuestionButton[];
  /** Chat commands with what they do. */
  commands: { command: string; description: string }[];
}

export const DEFAULT_HELP: HelpCardData = {
  exampleQuestions: [
    "my team's compliance this month",
    'needs assessments for North LPA in October',
    'which teams are below target?',
    'trend for CID over the last 6 months',
    'who has the most overdue updates in Team 3?',
  ].map((question) => ({ title: question, question })),
  commands: [
    { command: 'digest', description: "your team's digest now (supervisors), or your items (officers)" },
    { command: 'my items', description: 'your own overdue and due-soon items' },
    { command: 'digest at 06:30', description: 'get the morning digest at another time (UK time)' },
    { command: 'digest off', description: 'stop the morning digest' },
    { command: 'digest days mon-fri', description: 'get it on these days only ("digest days every day" undoes it)' },
    { command: 'quiet hours 22:00-06:00', description: 'nothing is posted in these hours; a digest due then waits until they end' },
    { command: 'away until Mon 30 Nov', description: 'your team\'s digest goes to your deputy (or inspector) until then; "back" ends it' },
    {
      command: 'weekly at mon 08:00',
      description: 'inspectors and senior leads: the weekly summary\'s day and time ("weekly off" stops it)',
    },
    { command: 'deputy PS 2345', description: 'who gets your team\'s digest while you are away ("deputy off": your inspector)' },
    {
      command: 'dip sample',
      description: 'inspectors and senior leads: the month\'s dip sample to audit ("dip sample 2026-10": another month)',
    },
    {
      command: 'dip delegate PS 2345',
      description: 'inspectors: who may audit your unit\'s dip sample for you ("dip delegate none" stops it)',
    },
  ],
};

/** The commands of a channel or group chat: they change the digest everyone there gets. */
export const SHARED_PLACE_COMMANDS: HelpCardData['commands'] = [
  {
    command: 'subscribe North Team 3 at 07:30',
    description: "post a team's digest here every morning (a supervisor or above of that team)",
  },
  { command: 'digest at 06:30', description: "move this conversation's digest to another time (UK time)" },
  { command: 'digest off', description: "stop this conversation's digest" },
  { command: 'digest days mon-fri', description: "post this conversation's digest on these days only" },
  { command: 'quiet hours 22:00-06:00', description: 'nothing is posted here in these hours; a digest due then waits until they end' },
];

/** Buttons stacked one per row, so a whole question stays readable instead of being cut off. */
const MAX_EXAMPLES = 6;

export function renderHelpCard(data: HelpCardData = DEFAULT_HELP): AdaptiveCard {
  return expandTemplate('help', {
    intro: "Ask about Victims' Code compliance in plain English, or act on your morning digest.",
    questions: questionButtonViews(data.exampleQuestions, MAX_EXAMPLES),
    commands: data.commands,
    privacyText: 'Cards never show victims\u2019 names or contact details; open the case in the records system for those.',
  });
}
