import { describe, expect, it } from 'vitest';
import { modal, privateMessage, type ButtonAction, type Message, type SelectAction } from '../../core/reply.js';
import { layoutActions, renderMessage, renderModal, renderRichText } from './discord.renderer.js';

const button = (n: number): ButtonAction => ({ type: 'button', customId: `mentor:test:b${n}`, label: `B${n}`, style: 'secondary' });
const select: SelectAction = { type: 'select', customId: 'mentor:test:s', minValues: 1, maxValues: 1, options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }], initialValues: ['b'] };

describe('the Discord renderer', () => {
  it('shows times in each reader\'s locale and mentions as user mentions', () => {
    const at = new Date('2026-03-02T18:00:00Z');
    expect(renderRichText(['Starts ', { time: at, style: 'full' }, ' (', { time: at, style: 'relative' }, ') on ', { time: at.toISOString() as unknown as Date, style: 'date' }, ' with ', { mention: '42' }]))
      .toBe('Starts <t:1772474400:F> (<t:1772474400:R>) on <t:1772474400:D> with <@42>');
  });

  it('lays out at most five buttons per row, a select alone in its row, and at most five rows', () => {
    const rows = layoutActions([...[1, 2, 3, 4, 5, 6].map(button), select, button(7)]);
    expect(rows.map((row) => row.components.map((component) => component.type))).toEqual([[2, 2, 2, 2, 2], [2], [3], [2]]);
    expect(rows[2]?.components[0]).toMatchObject({ options: [{ value: 'a' }, { value: 'b', default: true }] });
    expect(layoutActions([select, select, select, select, select, select])).toHaveLength(5);
  });

  it('makes private replies ephemeral, pings the pair in content, and attaches files', () => {
    const message: Message = { ...privateMessage(['Hello ', { mention: '7' }], { title: 'T', fields: [{ name: 'F', value: [''] }], attachments: [{ fileName: 'a.json', contentType: 'application/json', content: '{}' }] }) };
    const rendered = renderMessage(message);
    expect(rendered).toMatchObject({ ephemeral: true, embeds: [{ title: 'T', description: 'Hello <@7>', fields: [{ name: 'F', value: '\u200b' }] }], allowedMentions: { parse: ['users'] } });
    expect(rendered.content).toBeUndefined();
    expect(rendered.files[0]).toMatchObject({ name: 'a.json', contentType: 'application/json' });
    expect(rendered.files[0]?.data.toString()).toBe('{}');
    expect(renderMessage({ ...message, visibility: 'pair' })).toMatchObject({ ephemeral: false, content: '<@7>' });
  });

  it('cuts text at Discord\'s limits', () => {
    const rendered = renderMessage(privateMessage(['x'.repeat(5000)], { title: 't'.repeat(300) }));
    expect(rendered.embeds[0]?.description).toHaveLength(4096);
    expect(rendered.embeds[0]?.title?.endsWith('…')).toBe(true);
  });

  it('renders a modal as Label components around text inputs and string selects', () => {
    const spec = modal({
      customId: 'mentor:test:form', title: 'Form', submitLabel: 'Save',
      inputs: [
        { type: 'text', id: 'name', label: 'Name', style: 'short', required: true, maxLength: 50, value: 'Ada', placeholder: 'Your name' },
        { type: 'text', id: 'empty', label: 'Empty', style: 'paragraph', required: false },
        { type: 'select', id: 'kind', label: 'Kind', required: false, minValues: 0, maxValues: 2, options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }], initialValues: ['a'] },
      ],
    });
    expect(renderModal(spec).toJSON()).toEqual({
      custom_id: 'mentor:test:form',
      title: 'Form',
      components: [
        { type: 18, label: 'Name', component: { type: 4, custom_id: 'name', style: 1, required: true, max_length: 50, placeholder: 'Your name', value: 'Ada' } },
        { type: 18, label: 'Empty', component: { type: 4, custom_id: 'empty', style: 2, required: false } },
        { type: 18, label: 'Kind', component: { type: 3, custom_id: 'kind', required: false, min_values: 0, max_values: 2, options: [{ value: 'a', label: 'A', default: true }, { value: 'b', label: 'B' }] } },
      ],
    });
  });
});
