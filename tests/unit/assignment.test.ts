// Who automatic assignment picks (src/server/embedded/assignment.ts), and the console's skill lists.
import { describe, expect, it } from 'vitest';
import { pickAgent, type AssignCandidate } from '../../src/server/embedded/assignment';
import { parseSkills } from '../../src/console/ui/TeamRouting';
import { skillQueues } from '../../src/console/ui/TransferDialog';

const a = (id: string, over: Partial<AssignCandidate> = {}): AssignCandidate => ({ id, skills: [], capacity: 3, active: 0, lastAssigned: 0, ...over });

describe('pickAgent', () => {
  it('goes round robin: the one given a conversation least recently, then the first signed in', () => {
    expect(pickAgent(null, [a('ann'), a('ben')])).toBe('ann');
    expect(pickAgent(null, [a('ann', { lastAssigned: 1 }), a('ben')])).toBe('ben');
    expect(pickAgent(null, [a('ann', { lastAssigned: 1 }), a('ben', { lastAssigned: 2 })])).toBe('ann');
  });

  it('skips agents at their capacity; nobody with room: null', () => {
    expect(pickAgent(null, [a('ann', { active: 3 }), a('ben', { lastAssigned: 5 })])).toBe('ben');
    expect(pickAgent(null, [a('ann', { active: 1, capacity: 1 }), a('ben', { active: 4 })])).toBeNull();
    expect(pickAgent(null, [])).toBeNull();
  });

  it('prefers agents with the skill; else agents who take any; never an agent with other skills only', () => {
    const team = [a('ann', { skills: ['returns'] }), a('ben'), a('cat', { skills: ['billing', 'returns'], lastAssigned: 9 })];
    expect(pickAgent('billing', team)).toBe('cat'); // the specialist, though given one most recently
    expect(pickAgent('returns', team)).toBe('ann'); // two specialists: round robin between them
    expect(pickAgent('sizing', team)).toBe('ben'); // nobody has it: those without skills
    expect(pickAgent('sizing', [a('ann', { skills: ['returns'] })])).toBeNull();
    expect(pickAgent(null, [a('ann', { skills: ['returns'] })])).toBe('ann'); // no skill asked: anyone
    expect(pickAgent('billing', [a('cat', { skills: ['billing'], active: 3 }), a('ben', { lastAssigned: 4 })])).toBe('ben'); // the specialist is full
  });
});

describe('console skill lists', () => {
  it('reads typed skills split by commas or spaces, once each', () => {
    expect(parseSkills(' billing, returns  billing,,')).toEqual(['billing', 'returns']);
    expect(parseSkills('')).toEqual([]);
  });

  it('offers the team\'s skills, the conversation\'s own and those the queue asks for, sorted', () => {
    const queued = [{ routing: { skill: 'sizing', path: [] } }, { routing: { path: [] } }, {}] as never[];
    expect(skillQueues(['returns', 'billing'], 'warranty', queued)).toEqual(['billing', 'returns', 'sizing', 'warranty']);
    expect(skillQueues([], undefined, [])).toEqual([]);
  });
});
