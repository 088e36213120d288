import { describe, expect, it } from 'vitest';
import { interactionId, parseInteractionId } from './interaction-ids.js';
import { modal } from './reply.js';
import { problemReply } from './problem-reply.js';
import { defaultSettings } from './communities/settings.js';
import type { SectionContext } from './onboarding/section.js';
import { sections } from './onboarding/steps.js';
import { notificationSettingsModal } from './profiles/notification-settings.js';
import { notificationPreferences } from './members/notification-preferences.js';

describe('interaction ids', () => {
  it('round-trips and refuses what it could not parse back', () => {
    const id = interactionId('onboard', 'submit', 'GOALS');
    expect(id).toBe('mentor:onboard:submit:GOALS');
    expect(parseInteractionId(id)).toEqual({ area: 'onboard', action: 'submit', args: ['GOALS'] });
    expect(parseInteractionId(interactionId('profile', 'levels', 2))).toEqual({ area: 'profile', action: 'levels', args: ['2'] });
    expect(() => interactionId('a', 'b', 'has:colon')).toThrow(RangeError);
    expect(() => interactionId('a', 'b', 'x'.repeat(100))).toThrow(RangeError);
    expect(parseInteractionId('other-app:button')).toBeNull();
    expect(parseInteractionId('mentor:onboard')).toBeNull();
  });
});

describe('modal specs', () => {
  it('refuse to exceed the platforms’ limits', () => {
    const text = (id: string) => ({ type: 'text' as const, id, label: id, style: 'short' as const, required: false });
    expect(() => modal({ customId: 'x', title: 'Six', submitLabel: 'Save', inputs: ['a', 'b', 'c', 'd', 'e', 'f'].map(text) })).toThrow(/6 inputs/);
    expect(() => modal({ customId: 'x', title: 'T', submitLabel: 'Save', inputs: [{ ...text('a'), label: 'x'.repeat(46) }] })).toThrow(/label/);
    const options = Array.from({ length: 26 }, (_, index) => ({ value: String(index), label: `Option ${index}` }));
    expect(() => modal({ customId: 'x', title: 'T', submitLabel: 'Save', inputs: [{ type: 'select', id: 's', label: 'S', required: true, options, minValues: 1, maxValues: 1 }] })).toThrow(/26 options/);
  });

  it('fit for every profile form, even with a full catalog', () => {
    const catalog = Array.from({ length: 25 }, (_, index) => ({ id: index + 1, name: `A skill with a rather long name number ${index}`, slug: `s-${index}`, category: 'General', archivedAt: null }));
    const context: SectionContext = {
      member: {
        id: 1, communityId: 1, platformUserId: 'U1', displayName: 'Ada', role: 'REGULAR', status: 'ACTIVE', onboardingStep: 'GOALS', onboardedAt: null,
        bio: 'x'.repeat(1000), jobTitle: null, yearsExperience: 3, mentorshipRole: 'BOTH', mentorshipTypes: [], timezone: null, availability: [],
        menteeCapacity: 1, notTakingMenteesUntil: null, notificationPreferences: notificationPreferences.parse({}), codeOfConductAcceptedAt: null,
        statusReason: null, joinedAt: new Date(), leftAt: null, erasedAt: null,
      },
      skills: [],
      catalog,
      settings: defaultSettings,
    };
    for (const section of Object.values(sections)) {
      const form = section.form(context, interactionId('onboard', 'submit', section.name));
      expect(form.inputs.length).toBeLessThanOrEqual(5);
    }
    expect(sections.GOALS.form(context, 'x').inputs.find((input) => input.id === 'offeredSkills')).toMatchObject({ maxValues: 15 });
    expect(notificationSettingsModal(notificationPreferences.parse({})).inputs).toHaveLength(3);
  });
});

describe('problem replies', () => {
  it('name each field by the label the person saw', () => {
    const form = modal({
      customId: 'mentor:onboard:submit:PROFILE', title: 'About you', submitLabel: 'Save',
      inputs: [{ type: 'text', id: 'yearsExperience', label: 'Years of experience in tech', style: 'short', required: true }],
    });
    const reply = problemReply({ code: 'invalid-input', message: 'Some answers need fixing.', fields: [{ field: 'yearsExperience', message: 'Give a whole number.' }, { field: 'form', message: 'Try again.' }] }, form);
    expect(reply).toEqual({
      kind: 'message', visibility: 'private', body: ['Some answers need fixing.'],
      fields: [{ name: 'Years of experience in tech', value: ['Give a whole number.'] }, { name: 'form', value: ['Try again.'] }],
    });
    expect(problemReply({ code: 'forbidden', message: 'No.' })).toEqual({ kind: 'message', visibility: 'private', body: ['No.'] });
  });
});
