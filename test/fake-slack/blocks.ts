/** Reading Block Kit in tests: the text a person sees and the ids of what they can press. */

type Block = Record<string, unknown>;

function texts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(texts);
  if (typeof value !== 'object' || value === null) return [];
  const object = value as Record<string, unknown>;
  const own = typeof object.text === 'string' && (object.type === 'mrkdwn' || object.type === 'plain_text') ? [object.text] : [];
  return [...own, ...Object.entries(object).filter(([key]) => key !== 'accessory' && key !== 'elements' || object.type === 'context').flatMap(([, child]) => texts(child))];
}

/** Every text in the blocks (headers, sections, fields, context), one per line. */
export function visibleText(blocks: unknown): string {
  return texts(blocks).join('\n');
}

/** The `action_id`s of buttons and selects, in order. */
export function actionIds(blocks: unknown): string[] {
  const list = (blocks as Block[] | undefined) ?? [];
  return list.flatMap((block) => {
    const elements = block.type === 'actions' ? (block.elements as Block[]) : block.accessory ? [block.accessory as Block] : [];
    return elements.map((element) => String(element.action_id));
  });
}

/** The block ids of a view's inputs with their element types. */
export function inputs(view: unknown): [string, string][] {
  const blocks = ((view as { blocks?: Block[] } | null)?.blocks ?? []).filter((block) => block.type === 'input');
  return blocks.map((block) => [String(block.block_id), String((block.element as Block).type)]);
}
