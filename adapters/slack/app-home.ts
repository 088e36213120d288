import type { MemberActor } from '../../core/access/actor.js';
import { commandCatalog } from '../../core/commands/commands.js';
import type { CoreDeps } from '../../core/deps.js';
import { showHelp } from '../../core/help/show-help.js';
import { interactionId } from '../../core/interaction-ids.js';
import { onboardingPrompt } from '../../core/onboarding/onboarding-prompt.js';
import { loadSectionContext } from '../../core/onboarding/section-context.js';
import { viewOwnProfile } from '../../core/profiles/view-own-profile.js';
import { privateMessage, type Message } from '../../core/reply.js';
import type { CommunityProfile } from '../../core/communities/community.repository.js';

/**
 * What the App Home tab shows, from what the core offers today: for someone
 * who has not joined, an invitation with a Join button; during onboarding,
 * the step they are at with its Continue button; once onboarded, their
 * profile with its edit buttons. The help follows in every case.
 *
 * When the core's `home` dashboard lands (suggestions, mentorships with their
 * next session and progress, pending requests with buttons), it replaces the
 * profile part here; the tab itself stays this file's job. Nothing here
 * creates a member: only pressing Join does.
 */
export async function homeMessages(deps: CoreDeps, community: CommunityProfile, actor: MemberActor): Promise<Message[]> {
  const help = showHelp(actor, commandCatalog);
  const helpMessages = help.ok ? [help.value] : [];
  const programName = community.settings.programName;

  if (actor.memberId === null) {
    const invitation = privateMessage([`${programName} pairs members who want to learn with members who can teach. Joining takes about three minutes.`], {
      title: `Welcome to ${programName}`,
      actions: [{ type: 'button', customId: interactionId('onboard', 'open', 'PROFILE'), label: 'Join the program', style: 'primary' }],
    });
    return [invitation, ...helpMessages];
  }
  const context = await loadSectionContext(deps.db, actor.communityId, actor.memberId);
  if (context && context.member.onboardingStep !== 'DONE') {
    return [onboardingPrompt(context, context.member.onboardingStep).message, ...helpMessages];
  }
  const profile = await viewOwnProfile(deps, actor);
  return [...(profile.ok ? [profile.value.reply] : [privateMessage([profile.problem.message])]), ...helpMessages];
}
