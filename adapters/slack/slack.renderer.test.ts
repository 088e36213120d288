import { describe, expect, it } from 'vitest';
import { modal, privateMessage, type Message } from '../../core/reply.js';
import { actionIds, inputs, visibleText } from '../../test/fake-slack/blocks.js';
import { homeView, messageView, renderMessage, renderModal, renderRichText } from './slack.renderer.js';

describe('Slack renderer', () => {
  it('escapes mrkdwn, renders mentions, and shows times in each reader\'s timezone with a UTC fallback', () => {
    const at = new Date('2026-03-02T18:00:00Z');
    const unix = at.getTime() / 1000;
    expect(renderRichText(['a < b & c > d, with ', { mention: 'U123' }, ' at ', { time: at, style: 'full' }])).toBe(
      `a &lt; b &amp; c &gt; d, with <@U123> at <!date^${unix}^{date_long} {time}|2026-03-02 18:00 UTC>`,
    );
    // Outbox payloads come back from JSON with ISO strings for times.
    expect(renderRichText([{ time: at.toISOString() as unknown as Date, style: 'relative' }, ' ', { time: at, style: 'date' }])).toBe(
      `<!date^${unix}^{ago}|2026-03-02 18:00 UTC> <!date^${unix}^{date_long}|2026-03-02>`,
    );
  });

  it('lays out a message: header, body, inline fields side by side, buttons with Slack styles', () => {
    const message: Message = privateMessage(['Hello ', { mention: 'U1' }], {
      title: 'Your profile',
      fields: [
        { name: 'Looking to', value: ['Mentor'], inline: true },
        { name: 'Experience', value: ['6 years'], inline: true },
        { name: 'Bio', value: ['Likes <databases>'] },
      ],
      actions: [
        { type: 'button', customId: 'mentor:a:b', label: 'Go', style: 'primary' },
        { type: 'button', customId: 'mentor:a:c', label: 'Fine', style: 'success' },
        { type: 'button', customId: 'mentor:a:d', label: 'Later', style: 'secondary' },
        { type: 'button', customId: 'mentor:a:e', label: 'Erase', style: 'danger' },
      ],
    });
    const rendered = renderMessage(message);
    expect(rendered.ephemeral).toBe(true);
    expect(rendered.text).toBe('Your profile: Hello <@U1>');
    expect(rendered.blocks.map((block) => block.type)).toEqual(['header', 'section', 'section', 'section', 'actions']);
    expect(rendered.blocks[2]).toEqual({ type: 'section', fields: [{ type: 'mrkdwn', text: '*Looking to*\nMentor' }, { type: 'mrkdwn', text: '*Experience*\n6 years' }] });
    expect(visibleText(rendered.blocks)).toContain('*Bio*\nLikes &lt;databases&gt;');
    const buttons = (rendered.blocks[4] as { elements: { style?: string }[] }).elements.map((button) => button.style);
    expect(buttons).toEqual(['primary', 'primary', undefined, 'danger']);
  });

  it('puts a single select in an actions block and a multiple one as a section accessory', () => {
    const options = [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }];
    const rendered = renderMessage(privateMessage(['Pick'], {
      actions: [
        { type: 'select', customId: 'mentor:pick:one', options, minValues: 1, maxValues: 1, initialValues: ['b'] },
        { type: 'select', customId: 'mentor:pick:many', options, minValues: 0, maxValues: 2, placeholder: 'Several' },
      ],
    }));
    expect(rendered.blocks.map((block) => block.type)).toEqual(['section', 'actions', 'section']);
    expect(actionIds(rendered.blocks)).toEqual(['mentor:pick:one', 'mentor:pick:many']);
    expect((rendered.blocks[1] as { elements: { initial_option?: { value: string } }[] }).elements[0]?.initial_option?.value).toBe('b');
    expect((rendered.blocks[2] as { accessory: { type: string; max_selected_items: number } }).accessory).toMatchObject({ type: 'multi_static_select', max_selected_items: 2 });
  });

  it('shows a file inline as escaped code blocks, within the 50-block limit', () => {
    const content = JSON.stringify({ note: '<b> & </b>', rows: Array.from({ length: 20_000 }, (_, index) => `row ${index}`) }, null, 2);
    const rendered = renderMessage(privateMessage(['Your data'], { attachments: [{ fileName: 'data.json', contentType: 'application/json', content }] }));
    expect(rendered.blocks.length).toBeLessThanOrEqual(50);
    const sections = rendered.blocks as { type: string; text?: { text: string } }[];
    const code = sections.filter((block) => block.type === 'section' && block.text?.text.startsWith('```'));
    expect(code.length).toBeGreaterThan(40);
    expect(code.every((block) => block.text!.text.length <= 3000)).toBe(true);
    expect(visibleText(rendered.blocks)).toContain('&lt;b&gt; &amp; &lt;/b&gt;');
    expect(visibleText(rendered.blocks)).toContain('longer than one Slack message holds');

    const small = renderMessage(privateMessage(['Your data'], { attachments: [{ fileName: 'data.json', contentType: 'application/json', content: '{"a":1}' }] }));
    expect(visibleText(small.blocks)).not.toContain('longer than');
  });

  it('renders a form as a modal: inputs keyed by id, Slack\'s limits, metadata for the submission', () => {
    const spec = modal({
      customId: 'mentor:onboard:submit:PROFILE',
      title: 'A title longer than twenty-four',
      submitLabel: 'Save',
      inputs: [
        { type: 'text', id: 'bio', label: 'Bio', style: 'paragraph', required: false, maxLength: 4000, value: 'Hi', placeholder: 'Tell us' },
        { type: 'text', id: 'years', label: 'Years', style: 'short', required: true, minLength: 1, maxLength: 2 },
        { type: 'select', id: 'role', label: 'Role', required: true, minValues: 1, maxValues: 1, options: [{ value: 'M', label: 'Mentor' }], initialValues: ['M'] },
        { type: 'select', id: 'kinds', label: 'Kinds', required: false, minValues: 0, maxValues: 2, options: [{ value: 'x', label: 'X' }, { value: 'y', label: 'Y' }], initialValues: ['y'] },
      ],
    });
    const view = renderModal(spec, { channelId: 'C1' });
    expect(view).toMatchObject({ type: 'modal', callback_id: spec.customId, private_metadata: '{"channelId":"C1"}', submit: { text: 'Save' } });
    expect(view.title.text).toHaveLength(24);
    expect(inputs(view)).toEqual([['bio', 'plain_text_input'], ['years', 'plain_text_input'], ['role', 'static_select'], ['kinds', 'multi_static_select']]);
    const [bio, years, role, kinds] = view.blocks as unknown as { optional: boolean; element: Record<string, unknown> }[];
    expect(bio).toMatchObject({ optional: true, element: { multiline: true, max_length: 3000, initial_value: 'Hi', action_id: 'bio' } });
    expect(years).toMatchObject({ optional: false, element: { multiline: false, min_length: 1, max_length: 2 } });
    expect(role?.element.initial_option).toMatchObject({ value: 'M' });
    expect(kinds?.element).toMatchObject({ max_selected_items: 2, initial_options: [{ value: 'y' }] });
  });

  it('shows a message in a modal and messages in the App Home, divided', () => {
    const view = messageView(privateMessage(['Done'], { title: 'Saved' }));
    expect(view).toMatchObject({ type: 'modal', callback_id: 'mentor:message', close: { text: 'Close' } });
    expect(view.submit).toBeUndefined();
    const home = homeView([privateMessage(['One']), privateMessage(['Two'])]);
    expect(home.blocks.map((block) => block.type)).toEqual(['section', 'divider', 'section']);
  });
});
