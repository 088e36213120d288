import type { ShortcutHandler } from '../../handler.js';
import { reportMessageShortcut } from '../../manifest.js';
import { reportMessage } from './report-message.js';

/** Message shortcuts by `callback_id`, as the manifest declares them. */
export const shortcutHandlers: ReadonlyMap<string, ShortcutHandler> = new Map([[reportMessageShortcut, reportMessage]]);
