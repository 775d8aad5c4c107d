// X (x.com and twitter.com): posts, replies and quote posts are Draft.js editors
// (.public-DraftEditor-content inside [data-testid^="tweetTextarea_"]); direct messages use
// [data-testid="dmComposerTextInput"]. Post/Reply: [data-testid="tweetButton"] (dialog) or
// [data-testid="tweetButtonInline"] (timeline); DMs: [data-testid="dmComposerSendButton"].
// Ctrl/Cmd+Enter posts; Enter sends a DM.

import { watchComposeBoxes, nearestSendButton, isModEnter } from '../content/watch_compose_boxes.js';

const EDITOR_SELECTOR = [
  '.public-DraftEditor-content[contenteditable="true"]',
  '[data-testid="dmComposerTextInput"]',
  '[contenteditable="true"][role="textbox"]',
  'textarea[data-testid="dmComposerTextInput"]',
].join(', ');

const SEND_BUTTON_SELECTOR = [
  '[data-testid="tweetButton"]',
  '[data-testid="tweetButtonInline"]',
  '[data-testid="dmComposerSendButton"]',
].join(', ');

export default {
  id: 'x',
  matches: ['https://*.x.com/*', 'https://*.twitter.com/*'],
  init(signal) {
    watchComposeBoxes({
      signal,
      site: {
        id: 'x',
        editorSelector: EDITOR_SELECTOR,
        findSendButton: (editor) => nearestSendButton(editor, SEND_BUTTON_SELECTOR),
        isSendShortcut: (event, editor) => isModEnter(event)
          || (event.key === 'Enter' && !event.shiftKey && !event.ctrlKey && !event.metaKey && !event.altKey
            && !!editor.closest('[data-testid="dmComposerTextInput"]')),
      },
    });
  },
};
