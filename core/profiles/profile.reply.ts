import { interactionId } from '../interaction-ids.js';
import { skillLevelLabel, mentorshipTypeLabels, type MemberSkill, type MentorshipType } from '../members/member.js';
import { privateMessage, truncate, type Message, type MessageAction, type MessageField, type RichText } from '../reply.js';
import type { OwnProfile, PublicProfile } from './profile.js';

const roleText = { MENTOR: 'Mentor', MENTEE: 'Mentee', BOTH: 'Mentor and mentee' } as const;

function skillsText(skills: readonly MemberSkill[]): string {
  return skills.map((skill) => `${skill.name} · ${skillLevelLabel(skill.level)}`).join('\n') || 'None yet';
}

function fields(profile: PublicProfile, now: Date): MessageField[] {
  const { stats } = profile;
  const list: MessageField[] = [
    { name: 'Looking to', value: [profile.mentorshipRole ? roleText[profile.mentorshipRole] : 'Not set yet'], inline: true },
    { name: 'Experience', value: [profile.yearsExperience === null ? 'Not set yet' : `${profile.yearsExperience} years`], inline: true },
    { name: 'Timezone', value: [profile.timezone ?? 'Not set yet'], inline: true },
    { name: 'Kinds of mentorship', value: [profile.mentorshipTypes.map((type) => mentorshipTypeLabels[type as MentorshipType] ?? type).join(', ') || 'Not set yet'] },
    { name: 'Offers', value: [skillsText(profile.offers)], inline: true },
    { name: 'Wants to learn', value: [skillsText(profile.seeks)], inline: true },
    { name: 'Available', value: [profile.availability.map((w) => `${w.day} ${w.start}-${w.end}`).join(', ') || 'Not set yet'] },
    { name: 'Activity', value: [`${stats.sessionsCompleted} sessions, ${stats.hoursInSessions} h, ${stats.goalsReached} goals reached`] },
  ];
  if (profile.mentorshipRole !== 'MENTEE' || stats.menteesHelped > 0) {
    const rating = stats.averageRating === null ? 'not enough ratings yet' : `rated ${stats.averageRating}/5 by ${stats.ratingCount}`;
    list.push({ name: 'As a mentor', value: [`${stats.menteesHelped} mentees helped, ${stats.volunteerHours} volunteer hours, ${rating}`] });
  }
  if (profile.notTakingMenteesUntil && profile.notTakingMenteesUntil > now) {
    list.push({ name: 'Not taking mentees', value: ['until ', { time: profile.notTakingMenteesUntil, style: 'date' }] });
  }
  return list;
}

function header(profile: PublicProfile): RichText {
  const lines = [profile.jobTitle, profile.bio].filter((line): line is string => Boolean(line));
  return [{ mention: profile.platformUserId }, lines.length > 0 ? `\n${truncate(lines.join('\n'), 1500)}` : ''];
}

/** Another member's profile, as matching shows it. */
export function publicProfileMessage(profile: PublicProfile, now: Date): Message {
  return privateMessage(header(profile), { title: profile.displayName, fields: fields(profile, now) });
}

/** The member's own profile, with the buttons that edit each part. */
export function ownProfileMessage(profile: OwnProfile, now: Date): Message {
  const actions: MessageAction[] = [
    { type: 'button', customId: interactionId('profile', 'edit', 'PROFILE'), label: 'Edit about you', style: 'secondary' },
    { type: 'button', customId: interactionId('profile', 'edit', 'GOALS'), label: 'Edit goals and skills', style: 'secondary' },
    { type: 'button', customId: interactionId('profile', 'edit', 'SCHEDULE'), label: 'Edit availability', style: 'secondary' },
    { type: 'button', customId: interactionId('profile', 'levels', 0), label: 'Skill levels', style: 'secondary' },
    { type: 'button', customId: interactionId('notifications', 'edit'), label: 'Notifications', style: 'secondary' },
  ];
  const pending: MessageField[] = profile.status === 'PENDING_APPROVAL' ? [{ name: 'Membership', value: ['Waiting for an admin to approve you'] }] : [];
  return privateMessage(header(profile), { title: `${profile.displayName} (you)`, fields: [...pending, ...fields(profile, now)], actions });
}
