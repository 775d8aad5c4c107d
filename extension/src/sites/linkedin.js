// LinkedIn: the share box and comment boxes (Quill, .ql-editor), messaging (a plain
// contenteditable, .msg-form__contenteditable) and invitation notes (textarea#custom-message).
// Post: .share-actions__primary-action; comment: .comments-comment-box__submit-button;
// messages: .msg-form__send-button (Enter sends unless the user changed that).

import { watchComposeBoxes, nearestSendButton, isModEnter } from '../content/watch_compose_boxes.js';

const EDITOR_SELECTOR = [
  '.ql-editor[contenteditable="true"]',
  '.msg-form__contenteditable[contenteditable="true"]',
  '[contenteditable="true"][role="textbox"]',
  'textarea#custom-message',
  'textarea[name="message"]',
  '.artdeco-modal textarea:not([readonly])',
].join(', ');

const SEND_BUTTON_SELECTOR = [
  'button.share-actions__primary-action',
  'button.comments-comment-box__submit-button',
  'button.comments-comment-box__submit-button--cr',
  'button.comments-comment-box__submit-button--cr-new',
  'button.msg-form__send-button',
  'button.msg-form__send-btn',
  'button[aria-label^="Send"]',
  'button[type="submit"]',
].join(', ');

export default {
  id: 'linkedin',
  matches: ['https://*.linkedin.com/*'],
  init(signal) {
    watchComposeBoxes({
      signal,
      site: {
        id: 'linkedin',
        editorSelector: EDITOR_SELECTOR,
        findSendButton: (editor) => nearestSendButton(editor, SEND_BUTTON_SELECTOR),
        isSendShortcut: (event, editor) => isModEnter(event)
          || (event.key === 'Enter' && !event.shiftKey && !event.ctrlKey && !event.metaKey && !event.altKey
            && editor.matches('.msg-form__contenteditable')),
      },
    });
  },
};
