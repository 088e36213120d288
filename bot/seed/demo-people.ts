import type { MemberRole, MemberStatus, MentorshipRole } from '../../core/store/database.js';

/** One member of the demo community, as the seed creates them. */
export interface DemoPerson {
  handle: string;
  name: string;
  role: MemberRole;
  status: MemberStatus;
  jobTitle: string;
  years: number;
  timezone: string;
  mentorshipRole: MentorshipRole;
  types: string[];
  bio: string;
  offers: Array<[slug: string, level: number]>;
  seeks: Array<[slug: string, level: number]>;
  capacity: number;
}

const evenings = [
  { day: 'tue', start: '18:00', end: '20:00' },
  { day: 'thu', start: '18:00', end: '20:00' },
];
const lunches = [
  { day: 'mon', start: '12:00', end: '13:00' },
  { day: 'wed', start: '12:00', end: '13:00' },
  { day: 'fri', start: '12:00', end: '13:00' },
];
export const availabilityFor = (index: number) => (index % 2 === 0 ? evenings : lunches);

/** Ten people of every role and status, with profiles a meetup would recognise. */
export const demoPeople: DemoPerson[] = [
  { handle: 'ada', name: 'Ada Okafor', role: 'OWNER', status: 'ACTIVE', jobTitle: 'Staff Engineer', years: 14, timezone: 'Europe/Berlin', mentorshipRole: 'MENTOR', types: ['career-growth', 'technical-skills'], bio: 'Runs the meetup. Backend and databases for fintech; happy to talk career moves into staff roles.', offers: [['backend', 5], ['databases', 5], ['cloud', 4]], seeks: [], capacity: 3 },
  { handle: 'bruno', name: 'Bruno Silva', role: 'ADMIN', status: 'ACTIVE', jobTitle: 'Engineering Manager', years: 11, timezone: 'Europe/Lisbon', mentorshipRole: 'BOTH', types: ['career-growth', 'interview-prep'], bio: 'Former frontend lead, now managing two teams. Learning ML on the side.', offers: [['frontend', 5], ['ui-ux-design', 3]], seeks: [['ai-ml', 2]], capacity: 2 },
  { handle: 'chen', name: 'Chen Wei', role: 'ADMIN', status: 'ACTIVE', jobTitle: 'Security Engineer', years: 8, timezone: 'Asia/Singapore', mentorshipRole: 'MENTOR', types: ['technical-skills', 'code-review'], bio: 'Application security and threat modelling. Ask me about OWASP and secure code review.', offers: [['security', 5], ['devops', 4]], seeks: [], capacity: 2 },
  { handle: 'dana', name: 'Dana Levi', role: 'REGULAR', status: 'ACTIVE', jobTitle: 'Junior Frontend Developer', years: 1, timezone: 'Asia/Jerusalem', mentorshipRole: 'MENTEE', types: ['technical-skills', 'code-review'], bio: 'Bootcamp graduate building React apps; want to get solid at TypeScript and testing.', offers: [], seeks: [['frontend', 4], ['backend', 2]], capacity: 0 },
  { handle: 'emeka', name: 'Emeka Nwosu', role: 'REGULAR', status: 'ACTIVE', jobTitle: 'Data Analyst', years: 3, timezone: 'Africa/Lagos', mentorshipRole: 'MENTEE', types: ['career-growth', 'technical-skills'], bio: 'SQL every day; moving towards data science and machine learning.', offers: [['databases', 3]], seeks: [['data-science', 4], ['ai-ml', 3]], capacity: 0 },
  { handle: 'fatima', name: 'Fatima Zahra', role: 'REGULAR', status: 'ACTIVE', jobTitle: 'ML Engineer', years: 7, timezone: 'Europe/Paris', mentorshipRole: 'BOTH', types: ['technical-skills', 'interview-prep'], bio: 'Ships recommendation models; wants to learn platform engineering.', offers: [['ai-ml', 5], ['data-science', 5]], seeks: [['devops', 3]], capacity: 2 },
  { handle: 'gus', name: 'Gustavo Reyes', role: 'REGULAR', status: 'ACTIVE', jobTitle: 'Mobile Developer', years: 5, timezone: 'America/Mexico_City', mentorshipRole: 'BOTH', types: ['code-review', 'career-growth'], bio: 'Kotlin and Swift. Thinking about a move to backend.', offers: [['mobile', 4]], seeks: [['backend', 3], ['cloud', 2]], capacity: 1 },
  { handle: 'hana', name: 'Hana Sato', role: 'REGULAR', status: 'PENDING_APPROVAL', jobTitle: 'Student', years: 0, timezone: 'Asia/Tokyo', mentorshipRole: 'MENTEE', types: ['career-growth'], bio: 'Computer science student looking for a first internship.', offers: [], seeks: [['frontend', 2], ['ui-ux-design', 2]], capacity: 0 },
  { handle: 'ivan', name: 'Ivan Petrov', role: 'REGULAR', status: 'SUSPENDED', jobTitle: 'DevOps Engineer', years: 6, timezone: 'Europe/Sofia', mentorshipRole: 'MENTOR', types: ['technical-skills'], bio: 'Kubernetes and CI pipelines.', offers: [['devops', 4], ['cloud', 4]], seeks: [], capacity: 2 },
  { handle: 'jade', name: 'Jade Thompson', role: 'REGULAR', status: 'LEFT', jobTitle: 'QA Engineer', years: 4, timezone: 'America/New_York', mentorshipRole: 'MENTEE', types: ['interview-prep'], bio: 'Test automation; preparing for SDET interviews.', offers: [], seeks: [['backend', 3]], capacity: 0 },
];
