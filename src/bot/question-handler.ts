import type { TurnContext } from 'botbuilder';
import { readQuery, splitQuestions, type ExamplePlace, type Metric } from '../domain/questions/index.js';
import type { Person } from '../domain/types.js';
import { METRIC_WORDS, quotedList } from '../domain/wording.js';
import { answerQuery, answerQuestion, type Answer, type QueryButton } from '../service/answer-question.js';
import {
  renderAmbiguousCard,
  renderFigureCard,
  renderNotUnderstoodCard,
  renderRankingCard,
  renderRefusalCard,
  renderTrendCard,
  renderPromisesCard,
  renderDipResultsCard,
  renderUnreadCard,
  withReadAs,
  type AdaptiveCard,
  type QuestionButton,
} from './cards/index.js';
import { sendCard } from './card-replies.js';
import type { BotDeps } from './bot-deps.js';
import { parseChatCommand } from './chat-command.js';
import { defaultViewFor, digestCardFor } from './digest-replies.js';
import { placeOf } from './conversation.js';
import { helpCardFor } from './help-reply.js';

/**
 * Plain-English questions (issue 4) in Teams: a chat message, or a card button (verb `askQuestion`)
 * that re-asks a question — plain text (help examples) or a structured query (drill-downs, "did you
 * mean"). A button's query is read with a schema and answered through the same scope checks as a
 * typed question: what a card sends is never trusted. The question text may name people, so it is
 * never logged; only the kind of answer is.
 */

/** Longer than any question a person types; a longer button text is not one of ours. */
const MAX_QUESTION_LENGTH = 500;

const UNREADABLE_BUTTON = {
  title: "I couldn't read that button",
  reason: 'The question on that button is not one I can answer, so I have not looked anything up.',
  hint: 'Type your question instead, or say "help" for examples.',
};

/** Each question of the message is answered in turn, one card each (splitQuestions: "how are we doing? and which team is worst"). */
export async function answerChatQuestion(deps: BotDeps, context: TurnContext, asker: Person, text: string): Promise<void> {
  for (const question of splitQuestions(text.slice(0, MAX_QUESTION_LENGTH))) {
    const answer = await answerQuestion({ ...deps.services, planner: deps.questionPlanner }, asker, question);
    logAnswer(deps, asker, answer, 'message');
    await sendCard(context, await cardForAnswer(deps, asker, answer, placeOf(context.activity)));
  }
}

/**
 * A question sent by a card button (verb `askQuestion`, data `{ question }`): its answer replaces the card.
 * `place` is where the card was pressed, for the examples of a help card given in answer.
 */
export async function questionButtonCard(deps: BotDeps, asker: Person, data: unknown, place: ExamplePlace = 'personal'): Promise<object> {
  const question = data !== null && typeof data === 'object' ? (data as { question?: unknown }).question : undefined;
  if (typeof question === 'string') {
    if (question.trim() === '' || question.length > MAX_QUESTION_LENGTH) return refuseButton(deps, asker);
    return textButtonCard(deps, asker, question, place);
  }
  const query = readQuery(question);
  if (!query) return refuseButton(deps, asker);
  const answer = await answerQuery(deps.services, asker, query);
  logAnswer(deps, asker, answer, 'button');
  return cardForAnswer(deps, asker, answer, place);
}

/** Example questions on the help and "not understood" cards carry text: answered as if typed. */
async function textButtonCard(deps: BotDeps, asker: Person, text: string, place: ExamplePlace): Promise<object> {
  const command = parseChatCommand(text);
  switch (command.kind) {
    case 'help':
      return helpCardFor(deps, asker, place);
    case 'digest':
      return digestCardFor(deps, asker, defaultViewFor(asker));
    case 'myItems':
      return digestCardFor(deps, asker, { kind: 'officer', officerId: asker.id });
    case 'question': {
      // The bot's own example questions: the local parser reads them, and an invoke must answer fast.
      const answer = await answerQuestion(deps.services, asker, command.text);
      logAnswer(deps, asker, answer, 'button');
      return cardForAnswer(deps, asker, answer, place);
    }
    default:
      // Settings change only from a typed command, never from a button.
      return helpCardFor(deps, asker, place);
  }
}

function refuseButton(deps: BotDeps, asker: Person): object {
  deps.services.logger.warn({ askerId: asker.id, verb: 'askQuestion' }, 'question button refused: its data is not a query this bot sends');
  return renderRefusalCard(UNREADABLE_BUTTON);
}

function logAnswer(deps: BotDeps, asker: Person, answer: Answer, via: 'message' | 'button'): void {
  deps.services.logger.info({ askerId: asker.id, role: asker.role, answer: answer.kind, via }, 'question answered');
}

/** The card for an answer. Every figure card carries the answer's headline as its first TextBlock. */
export async function cardForAnswer(deps: BotDeps, asker: Person, answer: Answer, place: ExamplePlace = 'personal'): Promise<object> {
  const targetRate = deps.services.policy.targetRate;
  switch (answer.kind) {
    case 'figure':
      return withReadAs(
        renderFigureCard({
          headline: answer.headline,
          rag: answer.current.rag,
          metricLabel: METRIC_WORDS[answer.metric],
          current: {
            atText: answer.current.atLabel,
            rate: answer.current.rate,
            compliant: answer.current.compliant,
            total: answer.current.total,
          },
          previous: {
            atText: answer.previous.atLabel,
            rate: answer.previous.rate,
            compliant: answer.previous.compliant,
            total: answer.previous.total,
            change: answer.previous.change,
          },
          breakdown: answer.breakdown,
          targetRate,
          drillDown: buttonsOf(answer.drillDown),
        }),
        answer.readAs,
      );
    case 'ranking':
      return withReadAs(
        renderRankingCard({
          headline: answer.headline,
          metricLabel: METRIC_WORDS[answer.metric],
          atText: answer.atLabel,
          rowNoun: answer.rowNoun,
          rows: answer.rows.map((row) => ({
            label: row.label,
            rate: row.rate,
            compliant: row.compliant,
            total: row.total,
            inBreach: row.inBreach,
            rag: row.rag,
          })),
          breachLabel: BREACH_LABELS[answer.metric],
          targetRate,
          drillDown: buttonsOf(answer.drillDown),
        }),
        answer.readAs,
      );
    case 'trend':
      return withReadAs(
        renderTrendCard({
          headline: answer.headline,
          metricLabel: METRIC_WORDS[answer.metric],
          rows: answer.rows.map((row) => ({
            periodLabel: row.periodLabel,
            rate: row.rate,
            compliant: row.compliant,
            total: row.total,
            rag: row.rag,
          })),
          targetRate,
        }),
        answer.readAs,
      );
    case 'items':
      return withReadAs(
        (await digestCardFor(deps, asker, answer.view, {
          at: answer.at,
          ...(answer.duties ? { duties: answer.duties } : {}),
        })) as AdaptiveCard,
        answer.readAs,
      );
    case 'promises':
      return withReadAs(
        renderPromisesCard({ headline: answer.headline, promises: answer.promises, previous: answer.previous }),
        answer.readAs,
      );
    case 'dip_audit':
      return withReadAs(renderDipResultsCard({ headline: answer.headline, facts: answer.facts, notes: answer.notes }), answer.readAs);
    case 'unread':
      return renderUnreadCard({
        note: `I could not read ${quotedList(answer.words)} in your question.`,
        reading: answer.reading ? { title: answer.reading.label, question: answer.reading.query, readAs: answer.reading.readAs } : null,
        suggestions: answer.suggestions,
      });
    case 'refusal':
      return renderRefusalCard({ reason: answer.reason, ...(answer.hint ? { hint: answer.hint } : {}) });
    case 'help':
      return helpCardFor(deps, asker, place);
    case 'not_understood':
      return renderNotUnderstoodCard({ suggestions: answer.suggestions, ...(answer.note ? { note: answer.note } : {}) });
    case 'ambiguous':
      return renderAmbiguousCard({ prompt: answer.question, options: buttonsOf(answer.options) });
  }
}

const BREACH_LABELS: Record<Metric, string> = {
  overall: 'Not compliant',
  needs_assessment: 'Missing NAs',
  updates: 'Overdue updates',
  referral: 'Referrals overdue',
  written_acknowledgement: 'Acknowledgements overdue',
  decision_updates: 'Decisions not told',
};

function buttonsOf(buttons: readonly QueryButton[]): QuestionButton[] {
  return buttons.map((button) => ({ title: button.label, question: button.query }));
}
