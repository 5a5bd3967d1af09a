// The summary as one self-contained HTML page, for the browser's print engine (PDF export).
import { NOTE_KINDS, PRESENTATION_SECTIONS, STRINGS, longDate, type Lang, type SessionSummary } from '../../shared/session/index.ts';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const paragraphs = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((p) => `<p>${escape(p).replace(/\n/g, '<br>')}</p>`)
    .join('');

const CSS = `
  body { font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; font-size: 10.5pt; color: #14213d; line-height: 1.4; }
  h1 { font-size: 18pt; margin: 0 0 4pt; } h2 { font-size: 13pt; border-bottom: 1px solid #999; padding-bottom: 2pt; margin: 16pt 0 6pt; }
  h3 { font-size: 11pt; margin: 10pt 0 4pt; } p { margin: 0 0 5pt; } .meta { color: #3d4a63; }
  ul { margin: 0 0 6pt; padding-left: 16pt; } .hint { color: #3d4a63; }
  table { width: 100%; border-collapse: collapse; } th, td { border-bottom: 1px solid #ccc; padding: 4pt; text-align: left; vertical-align: top; }
  .bars { list-style: none; padding: 0; } .bars li { display: flex; gap: 6pt; align-items: center; margin: 0 0 5pt; break-inside: avoid; }
  .rank { width: 16pt; text-align: right; font-weight: bold; } .label { flex: 1; } .track { width: 120pt; height: 8pt; background: #ddd; }
  .bar { height: 8pt; background: #1d3557; } .votes { width: 48pt; text-align: right; white-space: nowrap; }
  blockquote { margin: 0; padding-left: 8pt; border-left: 3pt solid #1d3557; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
`;

function bars(rows: Array<{ rank: number; label: string; votes: number; detail: string }>, votes: (n: number) => string): string {
  const most = Math.max(1, ...rows.map((r) => r.votes));
  return `<ol class="bars">${rows
    .map(
      (r) =>
        `<li><span class="rank">${r.rank}</span><span class="label">${escape(r.label)}${r.detail ? ` <span class="hint">· ${escape(r.detail)}</span>` : ''}</span>` +
        `<span class="track"><span class="bar" style="display:block;width:${((100 * r.votes) / most).toFixed(1)}%"></span></span><span class="votes">${escape(votes(r.votes))}</span></li>`,
    )
    .join('')}</ol>`;
}

export function renderSummaryHtml(summary: SessionSummary, lang: Lang, clubName: string | null): string {
  const s = STRINGS[lang];
  const colon = lang === 'fr' ? ' :' : ':';
  const none = `<p class="hint">${escape(s.none(summary.phase === 'closed'))}</p>`;
  const out: string[] = [];
  out.push(`<h1>${escape(summary.title || s.session)}</h1>`);
  out.push(`<p class="meta">${escape(summary.hostCompany)} (${escape(summary.hostName)}) · ${escape(longDate(summary.date, lang))}${clubName ? ` · ${escape(clubName)}` : ''}</p>`);

  out.push(`<h2>${escape(s.presentation)}</h2>`);
  const sections = PRESENTATION_SECTIONS.filter((k) => summary.presentation[k].trim());
  out.push(sections.length ? sections.map((k) => `<h3>${escape(s.sections[k])}</h3>${paragraphs(summary.presentation[k])}`).join('') : none);

  out.push(`<h2>${escape(s.visit)}</h2>`);
  const kinds = NOTE_KINDS.filter((k) => summary.visit.observations[k].length > 0);
  out.push(
    kinds.length
      ? kinds
          .map((k) => `<h3>${escape(s.kinds[k])}</h3><ul>${summary.visit.observations[k].map((n) => `<li>${escape(n.text)} <span class="hint">(${escape([n.station, n.author].filter(Boolean).join(', '))})</span></li>`).join('')}</ul>`)
          .join('')
      : none,
  );

  out.push(`<h2>${escape(s.questions)}</h2>`);
  const questions = [...summary.questions.answered, ...summary.questions.deferred, ...summary.questions.open];
  out.push(
    questions.length
      ? `<ul>${questions.map((q) => `<li><strong>${escape(q.question)}</strong> <span class="hint">(${escape(q.askedBy)})</span><br>${escape(s.answer)}${colon} ${q.answer.trim() ? escape(q.answer) : `<em>${escape(s.noAnswer[q.status])}</em>`}</li>`).join('')}</ul>`
      : none,
  );

  const b = summary.brainstorm;
  out.push(`<h2>${escape(s.brainstorm)}</h2><p class="hint">${escape(s.brainstormStats(b.ideas, b.voters, b.votesCounted, b.voteBudget, b.voteRounds))}</p>`);
  if (b.topIdeas.length) out.push(`<h3>${escape(s.topIdeas)}</h3>${bars(b.topIdeas.map((i) => ({ rank: i.rank, label: i.text, votes: i.votes, detail: [i.author, i.group].filter(Boolean).join(' · ') })), s.votes)}`);
  if (b.groups.length) out.push(`<h3>${escape(s.groups)}</h3>${bars(b.groups.map((g) => ({ rank: g.rank, label: g.title, votes: g.votes, detail: g.ideas.join(' ; ') })), s.votes)}`);

  out.push(`<h2>${escape(s.actionPlan)}</h2>`);
  out.push(
    summary.actionPlan.length
      ? `<table><thead><tr><th>${escape(s.action)}</th><th>${escape(s.owner)}</th><th>${escape(s.due)}</th><th>${escape(s.status)}</th></tr></thead><tbody>${summary.actionPlan
          .map((a) => `<tr><td>${escape(a.text)}</td><td>${escape(a.owner || s.noOwner)}</td><td>${a.due ? escape(longDate(a.due, lang)) : '—'}</td><td>${escape(s.actionStatus[a.status])}${a.note.trim() ? `<br><span class="hint">${escape(s.quoted(a.note))}</span>` : ''}</td></tr>`)
          .join('')}</tbody></table>`
      : none,
  );

  out.push(`<h2>${escape(s.decision)}</h2>${summary.decision.trim() ? `<blockquote>${paragraphs(summary.decision)}</blockquote>` : none}`);

  out.push(`<h2>${escape(s.learnings)}</h2>`);
  out.push(
    summary.learnings.length
      ? summary.learnings
          .map(
            (l) =>
              `<h3>${escape(l.name)}</h3>${l.brought.trim() ? `<p><strong>${escape(s.brought)}${colon}</strong> ${escape(l.brought)}</p>` : ''}${l.takeAway.trim() ? `<p><strong>${escape(s.takeAway)}${colon}</strong> ${escape(l.takeAway)}</p>` : ''}`,
          )
          .join('')
      : none,
  );

  out.push(`<h2>${escape(s.contributions)}</h2>`);
  out.push(
    summary.contributions.length
      ? `<table><thead><tr>${s.contributionHeader.map((h) => `<th>${escape(h)}</th>`).join('')}</tr></thead><tbody>${summary.contributions
          .map((c) => `<tr><td>${escape(c.name)}</td><td>${c.visitNotes}</td><td>${c.questions}</td><td>${c.ideas}</td><td>${c.votes}</td><td>${c.actionsOwned}</td><td>${c.learning ? '✓' : ''}</td></tr>`)
          .join('')}</tbody></table>`
      : none,
  );
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escape(summary.title)}</title><style>${CSS}</style></head><body>${out.join('\n')}</body></html>`;
}

/** The footer Chromium repeats at the bottom of every page (its own small HTML). */
export function footerTemplate(footer: string): string {
  return `<div style="width:100%;font-size:7.5pt;color:#444;padding:0 14mm;display:flex;justify-content:space-between;font-family:'DejaVu Sans',Arial,sans-serif"><span>${escape(footer)}</span><span><span class="pageNumber"></span>/<span class="totalPages"></span></span></div>`;
}
