// Console settings: editing the profile (one tab away), inviting a team member (a tab
// and a modal away).
import { withArticle } from '../english';
import { checkState, resetState } from '../page-js';
import { fullName, PEOPLE } from '../people';
import type { Template } from '../template';

const KEY = 'practice.admin';
const DISPLAY_NAMES = ['Ada L.', 'Sam R.', 'Captain Data', 'Dr. Reed', 'sam.codes', 'S. Reed'];
const JOB_TITLES = ['Staff Engineer', 'Head of Product', 'Data Analyst', 'Design Lead', 'Support Manager', 'Researcher'];

export const editProfile: Template = {
  id: 'admin.profile',
  app: 'admin',
  url: '/admin/settings.html',
  maxSteps: 12,
  note: 'The form is on the Profile tab; the General tab that opens first has a "Workspace name" field and a Save button that fit the task\'s words too.',
  make(rng) {
    const displayName = rng.pick(DISPLAY_NAMES);
    const jobTitle = rng.pick(JOB_TITLES);
    return {
      instruction: `Change my display name to "${displayName}" and my job title to "${jobTitle}" in the profile settings`,
      setup_js: resetState(KEY),
      success_js: checkState(
        KEY,
        { displayName, jobTitle },
        `const p = s.profile || {};
        const w = s.workspace || { name: 'Acme Robotics' };
        return p.displayName === want.displayName && p.jobTitle === want.jobTitle && w.name === 'Acme Robotics';`,
      ),
      values: { displayName, jobTitle },
    };
  },
};

export const inviteMember: Template = {
  id: 'admin.invite',
  app: 'admin',
  url: '/admin/settings.html',
  maxSteps: 12,
  note: 'Team tab, an "Invite" button, a modal with name, email and role. The General tab that opens first has a name field and a Save button.',
  make(rng) {
    const person = rng.pick(PEOPLE);
    const role = rng.pick(['Editor', 'Admin']);
    return {
      instruction: `Invite ${fullName(person)} (${person.email}) to the team as ${withArticle(role)}`,
      setup_js: resetState(KEY),
      success_js: checkState(
        KEY,
        { name: fullName(person), email: person.email, role },
        `const inv = s.invites || [];
        const w = s.workspace || { name: 'Acme Robotics' };
        return inv.length === 1 && inv[0].name === want.name && inv[0].email === want.email && inv[0].role === want.role && w.name === 'Acme Robotics';`,
      ),
      values: { person, role },
    };
  },
};
