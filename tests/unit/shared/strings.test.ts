// The summary's counts in each language, and today's date on the device: seen in an
// exploratory run in English, "0 idea, 0 voter, 0 vote counted" (the French rule, which puts
// 0 in the singular), and a club's new session dated yesterday just after midnight in Paris.
import { describe, expect, it } from 'vitest';
import { STRINGS } from '../../../shared/session/index.ts';
import { localToday } from '../../../client/i18n/format.ts';

describe('summary strings', () => {
  it('puts 0 in the plural in English and in the singular in French', () => {
    expect(STRINGS.en.brainstormStats(0, 0, 0, 5)).toBe('0 ideas, 0 voters, 0 votes counted (5 per member).');
    expect(STRINGS.en.brainstormStats(1, 1, 1, 5)).toBe('1 idea, 1 voter, 1 vote counted (5 per member).');
    expect(STRINGS.en.notesCount(0)).toBe('0 notes');
    expect(STRINGS.fr.brainstormStats(0, 1, 2, 5)).toBe('0 idée, 1 votant, 2 points comptés (5 par membre).');
    // Several rounds: the points are every round's, each member's budget per round.
    expect(STRINGS.fr.brainstormStats(8, 5, 40, 5, 2)).toBe('8 idées, 5 votants, 40 points comptés sur 2 votes (5 par membre à chaque vote).');
    expect(STRINGS.en.brainstormStats(8, 5, 40, 5, 2)).toBe('8 ideas, 5 voters, 40 votes counted over 2 rounds of voting (5 per member in each).');
  });
});

describe('localToday', () => {
  it('is the day on the device, not in UTC', () => {
    const original = process.env.TZ;
    process.env.TZ = 'Europe/Paris';
    try {
      // 00:30 in Paris on 20 January 2027 is 23:30 UTC on the 19th.
      const justAfterMidnight = new Date(Date.UTC(2027, 0, 19, 23, 30));
      expect(justAfterMidnight.toISOString().slice(0, 10)).toBe('2027-01-19');
      expect(localToday(justAfterMidnight)).toBe('2027-01-20');
    } finally {
      process.env.TZ = original;
    }
  });
});
