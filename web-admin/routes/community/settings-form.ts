import type { CommunitySettings } from '../../../core/communities/settings.js';
import type { SettingsChanges } from '../../../core/communities/update-settings.js';
import { formValue } from '../../render.js';

/** FAQ rows the form offers: the existing questions plus this many blank ones to add new. */
const blankFaqRows = 2;

/** The form's inputs, named by the settings' dotted paths so the core's field problems land on the right input. */
export type SettingsFormValues = Record<string, string | boolean>;

export function settingsToForm(settings: CommunitySettings): SettingsFormValues {
  const values: SettingsFormValues = {
    programName: settings.programName,
    about: settings.about,
    requestExpiryDays: String(settings.requestExpiryDays),
    requestsNeedAdminApproval: settings.requestsNeedAdminApproval,
    newMembersNeedAdminApproval: settings.newMembersNeedAdminApproval,
    'reminders.silentPairDays': String(settings.reminders.silentPairDays),
    'reminders.sessionHoursBefore': settings.reminders.sessionHoursBefore.join(', '),
    'reminders.goalDueDaysBefore': settings.reminders.goalDueDaysBefore.join(', '),
    'codeOfConduct.text': settings.codeOfConduct.text,
    'codeOfConduct.required': settings.codeOfConduct.required,
    'branding.name': settings.branding.name ?? '',
    'branding.colour': settings.branding.colour,
    'branding.logoUrl': settings.branding.logoUrl ?? '',
    'slack.pairSpace': settings.slack.pairSpace,
  };
  settings.faq.forEach((entry, index) => {
    values[`faq.${index}.question`] = entry.question;
    values[`faq.${index}.answer`] = entry.answer;
  });
  return values;
}

/** How many FAQ rows to draw for these values. */
export function faqRowCount(values: SettingsFormValues): number {
  const used = Object.keys(values).filter((key) => /^faq\.\d+\.question$/.test(key)).length;
  return Math.min(20, used + blankFaqRows);
}

const wholeNumberFields = ['requestExpiryDays', 'reminders.silentPairDays'] as const;
const checkboxFields = ['requestsNeedAdminApproval', 'newMembersNeedAdminApproval', 'codeOfConduct.required'] as const;
/** Lists of whole numbers typed as "24, 1"; the core checks their range and repeats. */
export const numberListFields = ['reminders.sessionHoursBefore', 'reminders.goalDueDaysBefore'] as const;

/** "24, 1" → [24, 1]; null when any part is not a whole number. */
function numberList(raw: string): number[] | null {
  const parts = raw.split(/[,\s]+/).filter(Boolean);
  return parts.length > 0 && parts.every((part) => /^\d{1,6}$/.test(part)) ? parts.map(Number) : null;
}

/**
 * Reads the posted form: the values to show again, the problems the form
 * itself can tell (a number that is not one), and the settings changes to
 * hand to the core, which validates everything else against the schema.
 */
export function readSettingsForm(body: unknown): { values: SettingsFormValues; problems: Record<string, string>; changes: SettingsChanges } {
  const text = (name: string) => formValue(body, name);
  const values: SettingsFormValues = {};
  for (const name of ['programName', 'about', 'requestExpiryDays', 'reminders.silentPairDays', 'codeOfConduct.text', 'branding.name', 'branding.colour', 'branding.logoUrl']) values[name] = text(name);
  for (const name of checkboxFields) values[name] = text(name) !== '';
  // Shown to Slack workspaces only; a form without it leaves the stored choice alone.
  const pairSpace = text('slack.pairSpace');
  if (pairSpace !== '') values['slack.pairSpace'] = pairSpace;

  const problems: Record<string, string> = {};
  const numbers: Record<string, number> = {};
  for (const name of wholeNumberFields) {
    const raw = text(name);
    if (/^\d{1,6}$/.test(raw)) numbers[name] = Number(raw);
    else problems[name] = 'Enter a whole number.';
  }
  // A form from before these fields existed leaves the stored times alone.
  const lists: Record<string, number[]> = {};
  for (const name of numberListFields) {
    const raw = text(name);
    if (raw === '') continue;
    values[name] = raw;
    const list = numberList(raw);
    if (list) lists[name] = list;
    else problems[name] = 'Enter whole numbers separated by commas, like "24, 1".';
  }

  const faq: { question: string; answer: string }[] = [];
  for (let index = 0; index < 20; index++) {
    const question = text(`faq.${index}.question`);
    const answer = text(`faq.${index}.answer`);
    if (question === '' && answer === '') continue;
    // Rows keep their position in the list that is saved, so a problem's path (faq.N) names the row shown.
    values[`faq.${faq.length}.question`] = question;
    values[`faq.${faq.length}.answer`] = answer;
    faq.push({ question, answer });
  }

  const changes: SettingsChanges = {
    programName: values.programName,
    about: values.about,
    requestExpiryDays: numbers.requestExpiryDays,
    requestsNeedAdminApproval: values.requestsNeedAdminApproval,
    newMembersNeedAdminApproval: values.newMembersNeedAdminApproval,
    reminders: {
      silentPairDays: numbers['reminders.silentPairDays'],
      ...(lists['reminders.sessionHoursBefore'] ? { sessionHoursBefore: lists['reminders.sessionHoursBefore'] } : {}),
      ...(lists['reminders.goalDueDaysBefore'] ? { goalDueDaysBefore: lists['reminders.goalDueDaysBefore'] } : {}),
    },
    codeOfConduct: { text: values['codeOfConduct.text'], required: values['codeOfConduct.required'] },
    branding: {
      name: values['branding.name'] === '' ? null : values['branding.name'],
      colour: values['branding.colour'],
      logoUrl: values['branding.logoUrl'] === '' ? null : values['branding.logoUrl'],
    },
    faq,
    ...(pairSpace !== '' ? { slack: { pairSpace } } : {}),
  };
  return { values, problems, changes };
}
