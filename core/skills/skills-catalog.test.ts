import { describe, expect, it } from 'vitest';
import { actorFor, fixedClock, makeCommunity, makeMember, makeSkill, expectOk } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { addSkill } from './add-skill.js';
import { archiveSkill } from './archive-skill.js';
import { listCommunitySkills } from './list-community-skills.js';
import { renameSkill } from './rename-skill.js';
import { maxActiveSkills, slugify } from './skill-input.js';

describe('slugify', () => {
  it('makes URL-friendly slugs', () => {
    expect(slugify('AI/ML')).toBe('ai-ml');
    expect(slugify('  UI / UX Design ')).toBe('ui-ux-design');
    expect(slugify('C++')).toBe('cplusplus');
    expect(slugify('C#')).toBe('csharp');
    expect(slugify('Résumé review')).toBe('resume-review');
    expect(slugify('!!!')).toBe('');
  });
});

describe('the skills catalog', () => {
  const database = useTestDatabase();
  const deps = () => ({ db: database.db, clock: fixedClock('2026-02-01T09:00:00Z') });

  it('lets admins add, rename and archive skills, keeping names and slugs unique', async () => {
    const community = await makeCommunity(database.db);
    const admin = actorFor(await makeMember(database.db, community, { role: 'ADMIN' }));
    const regular = actorFor(await makeMember(database.db, community));

    const added = expectOk(await addSkill(deps(), admin, { name: 'Rust', category: 'Languages' }));
    expect(added).toMatchObject({ name: 'Rust', slug: 'rust', category: 'Languages', archivedAt: null });
    const duplicate = await addSkill(deps(), admin, { name: 'rust' });
    expect(duplicate.ok ? null : duplicate.problem.code).toBe('conflict');
    const sameSlug = await addSkill(deps(), admin, { name: 'Front-end' });
    expect(sameSlug.ok ? 'added' : 'refused').toBe('added');
    const clash = await addSkill(deps(), admin, { name: 'frontend!' });
    expect(clash.ok ? null : clash.problem.code).toBe('conflict');
    const empty = await addSkill(deps(), admin, { name: '  ' });
    expect(empty.ok ? [] : empty.problem.fields?.map((field) => field.field)).toEqual(['name']);

    const renamed = await renameSkill(deps(), admin, { skillId: added.id, name: 'Rust language' });
    expect(renamed.ok && renamed.value).toMatchObject({ name: 'Rust language', slug: 'rust-language', category: 'Languages' });
    const renameClash = await renameSkill(deps(), admin, { skillId: added.id, name: 'Backend' });
    expect(renameClash.ok ? null : renameClash.problem.code).toBe('conflict');

    const archived = await archiveSkill(deps(), admin, { skillId: added.id });
    expect(archived.ok && archived.value.archivedAt).toEqual(new Date('2026-02-01T09:00:00Z'));
    const listed = await listCommunitySkills(deps(), regular);
    expect(listed.ok && listed.value.map((skill) => skill.slug)).not.toContain('rust-language');
    const withArchived = await listCommunitySkills(deps(), admin, { includeArchived: true });
    expect(withArchived.ok && withArchived.value.map((skill) => skill.slug)).toContain('rust-language');

    const forbidden = await addSkill(deps(), regular, { name: 'Go' });
    expect(forbidden.ok ? null : forbidden.problem.code).toBe('forbidden');
  });

  it('never touches another community’s skills', async () => {
    const mine = await makeCommunity(database.db);
    const theirs = await makeCommunity(database.db);
    const admin = actorFor(await makeMember(database.db, mine, { role: 'ADMIN' }));
    const foreign = await makeSkill(database.db, theirs, { name: 'Elixir', slug: 'elixir' });
    const renamed = await renameSkill(deps(), admin, { skillId: foreign.id, name: 'Mine now' });
    expect(renamed.ok ? null : renamed.problem.code).toBe('not-found');
    const archived = await archiveSkill(deps(), admin, { skillId: foreign.id });
    expect(archived.ok ? null : archived.problem.code).toBe('not-found');
  });

  it('caps the active catalog at one select menu', async () => {
    const community = await makeCommunity(database.db, { withDefaultSkills: false });
    const owner = actorFor(await makeMember(database.db, community, { role: 'OWNER' }));
    for (let index = 0; index < maxActiveSkills; index++) await makeSkill(database.db, community);
    const full = await addSkill(deps(), owner, { name: 'One too many' });
    expect(full.ok ? null : full.problem.code).toBe('limit-reached');
  });
});
