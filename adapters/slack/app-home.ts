import type { webApi } from '@slack/bolt';
import type { MemberActor } from '../../core/access/actor.js';
import { resolveActor } from '../../core/access/resolve-actor.js';
import type { CommunityProfile } from '../../core/communities/community.repository.js';
import type { CoreDeps } from '../../core/deps.js';
import { viewHome } from '../../core/home/view-home.js';
import { privateMessage, type Message } from '../../core/reply.js';
import { slackHelp } from './listeners/commands/help.js';
import { homeView } from './slack.renderer.js';

/**
 * What the App Home tab shows: the core's home (`viewHome`, as `/mentor home`
 * answers it): for someone who has not joined, an invitation with a Join
 * button; during onboarding, the step to continue; once a member, what waits
 * for them (requests with Accept / Reject, sessions to confirm, feedback
 * owed), their running mentorships with the next session and goals reached,
 * and suggestions. The help, with Slack's named options, follows in every
 * case. Nothing here creates a member: only pressing Join does.
 */
export async function homeMessages(deps: CoreDeps, actor: MemberActor): Promise<Message[]> {
  const help = slackHelp(actor);
  const helpMessages = help.ok ? [help.value] : [];
  const home = await viewHome(deps, actor);
  return [...(home.ok ? home.value.messages : [privateMessage([home.problem.message])]), ...helpMessages];
}

/**
 * Publishes a person's App Home (`views.publish`), afresh: when they open the
 * tab, and after they press a button in it, so an accepted request leaves
 * the list and the new mentorship shows at once.
 */
export async function publishHome(deps: CoreDeps, client: webApi.WebClient, community: CommunityProfile, userId: string): Promise<void> {
  const actor = await resolveActor(deps.db, { communityId: community.id, platformUserId: userId });
  await client.views.publish({ user_id: userId, view: homeView(await homeMessages(deps, actor)) });
}
