/**
 * One agent's routing in the Team dialog (admins): their skills (what transfers to a skill's queue
 * and automatic assignment read; none: they take any conversation) and capacity (concurrent chats
 * automatic assignment gives them; empty: the server's default).
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { AGENT_CAPACITY_MAX } from '../../protocol/chat';
import type { TeamChangeRequest, TeamMemberAccount } from '../../protocol/team';
import { text } from '../strings';

/** "billing, returns" -> ['billing', 'returns'] (commas or spaces between them). */
export const parseSkills = (typed: string): string[] => [...new Set(typed.split(/[\s,]+/).filter(Boolean))];

export function TeamRouting({ member, change }: { member: TeamMemberAccount; change(body: TeamChangeRequest, after?: () => void): Promise<void> }): JSX.Element {
  const [skills, setSkills] = useState(member.skills.join(', '));
  const [capacity, setCapacity] = useState(member.capacity === null ? '' : String(member.capacity));
  const id = member.id;
  return (
    <form
      class="routing"
      data-testid="team-routing"
      onSubmit={async (e) => {
        e.preventDefault();
        const wanted = parseSkills(skills);
        if (wanted.join(' ') !== member.skills.join(' ')) await change({ op: 'skills', id, skills: wanted });
        const cap = capacity.trim() === '' ? null : Number(capacity);
        if (cap !== member.capacity) await change({ op: 'capacity', id, capacity: cap });
      }}
    >
      <label for={`skills-${id}`}>{text.teamSkills}</label>
      <input id={`skills-${id}`} class="input" data-testid="team-skills" placeholder={text.teamSkillsPlaceholder} value={skills} onInput={(e) => setSkills(e.currentTarget.value)} />
      <label for={`capacity-${id}`}>{text.teamCapacity}</label>
      <input
        id={`capacity-${id}`}
        class="input cap"
        type="number"
        inputMode="numeric"
        min={1}
        max={AGENT_CAPACITY_MAX}
        data-testid="team-capacity"
        placeholder={text.teamCapacityDefault}
        value={capacity}
        onInput={(e) => setCapacity(e.currentTarget.value)}
      />
      <button type="submit" class="btn small" data-testid="team-routing-save">
        {text.teamSaveRouting}
      </button>
    </form>
  );
}
