// Facebook: posts, comments, replies (Lexical editors) and Messenger boxes.
// The composer is a Lexical contenteditable (data-lexical-editor="true", role="textbox") inside a
// "Create post" dialog whose Post button is div[role="button"][aria-label="Post"]. Comment and
// reply boxes, and Messenger, send on Enter (Shift+Enter is a new line).

import { watchComposeBoxes, nearestSendButton, isModEnter } from '../content/watch_compose_boxes.js';

const EDITOR_SELECTOR = [
  '[contenteditable="true"][data-lexical-editor="true"]',
  '[contenteditable="true"][role="textbox"]',
  'textarea:not([readonly]):not([aria-hidden="true"])',
].join(', ');

const SEND_BUTTON_SELECTOR = [
  '[role="button"][aria-label="Post"]',
  '[role="button"][aria-label="Reply"]',
  '[role="button"][aria-label="Comment"]',
  '[role="button"][aria-label="Send"]',
  '[role="button"][aria-label="Press enter to send"]',
  '[role="button"][aria-label="Press Enter to send"]',
  'button[type="submit"]',
].join(', ');

const ENTER_SENDS = /comment|reply|message|^aa$/i;

export default {
  id: 'facebook',
  matches: ['https://*.facebook.com/*'],
  init(signal) {
    watchComposeBoxes({
      signal,
      site: {
        id: 'facebook',
        editorSelector: EDITOR_SELECTOR,
        findSendButton: (editor) => nearestSendButton(editor, SEND_BUTTON_SELECTOR),
        isSendShortcut: (event, editor) => isModEnter(event)
          || (event.key === 'Enter' && !event.shiftKey && !event.ctrlKey && !event.metaKey && !event.altKey
            && ENTER_SENDS.test(editor.getAttribute('aria-label') ?? '')),
      },
    });
  },
};
