/**
 * Team admin (admins only; the server checks too): the accounts with their role and state, a form
 * to add an agent, and per agent: change the role, disable or enable, reset the password, and their
 * skills and capacity (./TeamRouting.tsx).
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { AgentRole } from '../../protocol/chat';
import { HTTP_AGENT_TEAM_CHANGE_PATH, HTTP_AGENT_TEAM_PATH, type TeamChangeRequest, type TeamMemberAccount, type TeamResponse } from '../../protocol/team';
import type { ConsoleStore } from '../store';
import { text } from '../strings';
import { useModal } from './useModal';
import { Avatar } from './common';
import { TeamRouting } from './TeamRouting';

async function call(path: string, body?: TeamChangeRequest): Promise<{ ok: true; agents: TeamMemberAccount[] } | { ok: false; message: string }> {
  try {
    const res = await fetch(path, body ? { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, credentials: 'same-origin', body: JSON.stringify(body) } : { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    const json = (await res.json().catch(() => null)) as (TeamResponse & { error?: { message?: string } }) | null;
    if (res.ok && json && Array.isArray(json.agents)) return { ok: true, agents: json.agents };
    return { ok: false, message: json?.error?.message ?? text.teamFailed };
  } catch {
    return { ok: false, message: text.teamFailed };
  }
}

export function TeamDialog({ store, onClose }: { store: ConsoleStore; onClose(): void }): JSX.Element {
  const modal = useModal(onClose);
  const [agents, setAgents] = useState<TeamMemberAccount[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [form, setForm] = useState({ name: '', email: '', password: '', role: 'agent' as AgentRole });
  const [resetting, setResetting] = useState<{ id: string; password: string } | null>(null);

  useEffect(() => {
    void call(HTTP_AGENT_TEAM_PATH).then((r) => (r.ok ? setAgents(r.agents) : setError(r.message)));
  }, []);

  async function change(body: TeamChangeRequest, after?: () => void) {
    setDone(null);
    const r = await call(HTTP_AGENT_TEAM_CHANGE_PATH, body);
    if (r.ok) {
      setAgents(r.agents);
      setError(null);
      after?.();
    } else setError(r.message);
  }

  const me = store.state.agent?.id;
  return (
    <dialog
      {...modal}
      class="modal wide"
      aria-labelledby="team-title"
      data-testid="team-dialog"
    >
      <div class="modal-body">
        <div class="modal-head">
          <h2 id="team-title">{text.teamTitle}</h2>
          <button type="button" class="btn" onClick={onClose}>
            {text.photoClose}
          </button>
        </div>
        <p>{text.teamIntro}</p>
        <div role="alert">{error ? <p class="form-error" data-testid="team-error">{error}</p> : null}</div>
        <div role="status">{done ? <p class="form-note">{done}</p> : null}</div>
        <form
          class="team-form"
          data-testid="team-form"
          onSubmit={(e) => {
            e.preventDefault();
            void change({ op: 'create', ...form }, () => setForm({ name: '', email: '', password: '', role: 'agent' }));
          }}
        >
          <div class="field">
            <label for="team-name">{text.teamName}</label>
            <input id="team-name" class="input" data-testid="team-name" required maxLength={100} value={form.name} onInput={(e) => setForm({ ...form, name: e.currentTarget.value })} />
          </div>
          <div class="field">
            <label for="team-email">{text.teamEmail}</label>
            <input id="team-email" class="input" type="email" data-testid="team-email" required value={form.email} onInput={(e) => setForm({ ...form, email: e.currentTarget.value })} />
          </div>
          <div class="field">
            <label for="team-password">{text.teamPassword}</label>
            <input id="team-password" class="input" type="password" autoComplete="new-password" data-testid="team-password" required minLength={10} value={form.password} onInput={(e) => setForm({ ...form, password: e.currentTarget.value })} />
          </div>
          <div class="field">
            <label for="team-role">{text.teamRole}</label>
            <select id="team-role" class="input" data-testid="team-role" value={form.role} onChange={(e) => setForm({ ...form, role: e.currentTarget.value as AgentRole })}>
              <option value="agent">{text.roles.agent}</option>
              <option value="admin">{text.roles.admin}</option>
            </select>
          </div>
          <div class="actions">
            <button type="submit" class="btn primary" data-testid="team-create">
              {text.teamCreate}
            </button>
          </div>
        </form>
        {agents === null ? (
          <p role="status">{text.loading}</p>
        ) : (
          <ul class="team-list" aria-label={text.teamTitle}>
            {agents.map((a) => (
              <li key={a.id} class={a.disabled ? 'disabled' : undefined} data-testid="team-member" data-email={a.email} data-disabled={a.disabled ? 'true' : 'false'}>
                <Avatar name={a.name} seed={a.id} size="sm" />
                <span class="who-col">
                  <strong>
                    {a.name}
                    {a.id === me ? ` (${text.teamYou})` : ''}
                  </strong>
                  <span class="em">
                    {a.email}
                    {a.disabled ? ` · ${text.teamDisabled}` : a.online ? ` · ${text.teamOnline}` : ''}
                  </span>
                </span>
                <label class="sr-only" for={`role-${a.id}`}>
                  {text.teamRoleOf(a.name)}
                </label>
                <select id={`role-${a.id}`} value={a.role} onChange={(e) => void change({ op: 'role', id: a.id, role: e.currentTarget.value as AgentRole })}>
                  <option value="agent">{text.roles.agent}</option>
                  <option value="admin">{text.roles.admin}</option>
                </select>
                <button type="button" class="btn small" onClick={() => setResetting(resetting?.id === a.id ? null : { id: a.id, password: '' })}>
                  {text.teamResetPassword}
                </button>
                {a.id === me ? null : a.disabled ? (
                  <button type="button" class="btn small" data-testid="team-enable" onClick={() => void change({ op: 'enable', id: a.id })}>
                    {text.teamEnable}
                  </button>
                ) : (
                  <button type="button" class="btn small danger" data-testid="team-disable" onClick={() => confirm(text.teamDisableConfirm(a.name)) && void change({ op: 'disable', id: a.id })}>
                    {text.teamDisable}
                  </button>
                )}
                {a.disabled ? null : <TeamRouting key={`${a.id}:${a.skills.join(' ')}:${a.capacity ?? ''}`} member={a} change={change} />}
                {resetting?.id === a.id ? (
                  <form
                    class="pw"
                    onSubmit={(e) => {
                      e.preventDefault();
                      void change({ op: 'password', id: a.id, password: resetting.password }, () => {
                        setResetting(null);
                        setDone(text.teamPasswordSet(a.name));
                      });
                    }}
                  >
                    <label class="sr-only" for={`pw-${a.id}`}>
                      {text.teamNewPassword(a.name)}
                    </label>
                    <input id={`pw-${a.id}`} class="input" type="password" autoComplete="new-password" required minLength={10} value={resetting.password} onInput={(e) => setResetting({ id: a.id, password: e.currentTarget.value })} />
                    <button type="submit" class="btn small primary">
                      {text.teamSetPassword}
                    </button>
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </div>
    </dialog>
  );
}
