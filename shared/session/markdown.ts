// The summary as Markdown, in French (default) or English.
import { STRINGS } from './strings.ts';
import type { Lang, SummaryStrings } from './strings.ts';
import type { SessionSummary, SummaryQuestion } from './summary.ts';
import { NOTE_KINDS, PRESENTATION_SECTIONS } from './types.ts';
import { formatLongDate, formatLongDay, rankLabel, sharedRanks } from './wording.ts';

export type { Lang };

/** `footer`: the confidentiality line every export carries (see STRINGS.confidential). */
export function renderSummaryMarkdown(summary: SessionSummary, lang: Lang = 'fr', footer?: string): string {
  const s = STRINGS[lang];
  const none = s.none(summary.phase === 'closed');
  const out: string[] = [];
  const push = (...lines: string[]): void => {
    out.push(...lines);
  };

  push(`# ${inline(summary.title) || s.session}`, '');
  push(`- **${s.host}**${colon(lang)} ${inline(summary.hostCompany)} (${inline(summary.hostName)})`);
  push(`- **${s.date}**${colon(lang)} ${inline(formatLongDate(summary.date, lang))}`);
  push(`- **${s.phase}**${colon(lang)} ${s.phases[summary.phase]}`);
  if (summary.closedAt !== null) push(`- **${s.closedOn}**${colon(lang)} ${formatLongDay(summary.closedAt, lang)}`);
  push('');

  push(`## ${s.presentation}`, '');
  for (const section of PRESENTATION_SECTIONS) {
    const text = summary.presentation[section].trim();
    if (text) push(`### ${s.sections[section]}`, '', text, '');
  }

  push(`## ${s.visit}`, '');
  if (summary.visit.stations.length > 0) {
    push(`${s.stations}${colon(lang)} ${summary.visit.stations.map((st) => `${inline(st.name)} (${s.notesCount(st.notes)})`).join(', ')}.`, '');
  }
  let anyNote = false;
  for (const kind of NOTE_KINDS) {
    const notes = summary.visit.observations[kind];
    if (notes.length === 0) continue;
    anyNote = true;
    push(`### ${s.kinds[kind]}`, '');
    for (const n of notes) push(`- ${inline(n.text)} (${[n.station, n.author].filter(Boolean).map((x) => inline(x ?? '')).join(', ')})`);
    push('');
  }
  if (!anyNote) push(none, '');

  push(`## ${s.questions}`, '');
  const { answered, deferred, open } = summary.questions;
  if (answered.length + deferred.length + open.length === 0) push(none, '');
  const questionList = (title: string, list: readonly SummaryQuestion[]): void => {
    if (list.length === 0) return;
    push(`### ${title}`, '');
    for (const q of list) {
      push(`- **${inline(q.question)}** (${inline(q.askedBy)})`);
      push(`  ${s.answer}${colon(lang)} ${q.answer.trim() ? inline(q.answer) : `_${s.noAnswer[q.status]}_`}`);
    }
    push('');
  };
  questionList(s.questionStatus.answered, answered);
  questionList(s.questionStatus.deferred, deferred);
  questionList(s.questionStatus.open, open);

  const b = summary.brainstorm;
  push(`## ${s.brainstorm}`, '', s.brainstormStats(b.ideas, b.voters, b.votesCounted, b.voteBudget, b.voteRounds), '');
  if (b.voteRounds > 1) push(s.latestRounds(b.voteRounds), '');
  if (b.topIdeas.length > 0) {
    push(`### ${s.topIdeas}`, '');
    // A list of ranks, not a numbered list: Markdown would renumber "1, 2, 2" as 1, 2, 3.
    const tied = sharedRanks(b.topIdeas);
    for (const i of b.topIdeas) {
      push(`- **${rankLabel(i.rank, tied.has(i.rank), lang)}** — ${inline(i.text)} (${s.votes(i.votes)}, ${s.by} ${inline(i.author)}${i.group ? `, ${inline(i.group)}` : ''})`);
    }
    push('');
  }
  if (b.groups.length > 0) {
    push(`### ${s.groups}`, '');
    const tied = sharedRanks(b.groups);
    for (const g of b.groups) {
      push(`- **${rankLabel(g.rank, tied.has(g.rank), lang)}** — **${inline(g.title)}** (${s.votes(g.votes)})${g.ideas.length ? `${colon(lang)} ${g.ideas.map(inline).join(' ; ')}` : ''}`);
    }
    push('');
  }

  push(`## ${s.actionPlan}`, '');
  if (summary.actionPlan.length === 0) push(none, '');
  else {
    push(`| ${s.action} | ${s.owner} | ${s.due} | ${s.status} |`, '| --- | --- | --- | --- |');
    for (const a of summary.actionPlan) {
      const from = a.fromIdeas.length ? ` (${s.from} ${a.fromIdeas.map((i) => s.quoted(inline(i))).join(', ')})` : '';
      push(`| ${cell(a.text)}${from} | ${cell(a.owner) || s.noOwner} | ${a.due ? formatLongDate(a.due, lang) : '-'} | ${s.actionStatus[a.status]}${a.note.trim() ? ` ${s.quoted(cell(a.note))}` : ''} |`);
    }
    push('');
  }

  push(`## ${s.decision}`, '', summary.decision.trim() ? quote(summary.decision) : none, '');

  push(`## ${s.learnings}`, '');
  if (summary.learnings.length === 0) push(none, '');
  for (const l of summary.learnings) {
    push(`### ${inline(l.name)}`, '');
    if (l.brought.trim()) push(`- **${s.brought}**${colon(lang)} ${inline(l.brought)}`);
    if (l.takeAway.trim()) push(`- **${s.takeAway}**${colon(lang)} ${inline(l.takeAway)}`);
    push('');
  }

  push(`## ${s.contributions}`, '');
  push(contributionTable(summary, s), '');
  if (footer) push('---', '', `_${inline(footer)}_`, '');
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function contributionTable(summary: SessionSummary, s: SummaryStrings): string {
  if (summary.contributions.length === 0) return s.none(summary.phase === 'closed');
  const head = `| ${s.contributionHeader.join(' | ')} |`;
  const rule = `| ${s.contributionHeader.map(() => '---').join(' | ')} |`;
  const rows = summary.contributions.map(
    (c) => `| ${cell(c.name) || '-'} | ${c.visitNotes} | ${c.questions} | ${c.ideas} | ${c.votes} | ${c.actionsOwned} | ${c.learning ? '✓' : ''} |`,
  );
  return [head, rule, ...rows].join('\n');
}

/** French puts a space before a colon. */
function colon(lang: Lang): string {
  return lang === 'fr' ? ' :' : ':';
}

/** Text on one line, with Markdown that would change the structure escaped. */
function inline(text: string): string {
  return text.replace(/\s*\n+\s*/g, ' ').replace(/([\\`*_[\]<>#|])/g, '\\$1').trim();
}

function cell(text: string): string {
  return inline(text);
}

function quote(text: string): string {
  return text
    .trim()
    .split('\n')
    .map((line) => `> ${line.replace(/([\\`*_[\]<>|])/g, '\\$1')}`.trimEnd())
    .join('\n');
}
