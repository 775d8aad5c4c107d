// The fixture pages, one per editor, served under the sites' real host names.

export const EDITOR_FIXTURES = [
  {
    id: 'lexical',
    name: 'Lexical (Facebook composer)',
    url: 'https://www.facebook.com/fixture/facebook.html',
    editor: '[data-lexical-editor="true"]',
    postButton: '[role="button"][aria-label="Post"]',
    highlights: true,
  },
  {
    id: 'draft',
    name: 'Draft.js (X composer)',
    url: 'https://x.com/fixture/x.html',
    editor: '.public-DraftEditor-content',
    postButton: '[data-testid="tweetButtonInline"]',
    highlights: true,
  },
  {
    id: 'quill',
    name: 'Quill (LinkedIn share box)',
    url: 'https://www.linkedin.com/fixture/linkedin.html',
    editor: '.ql-editor',
    postButton: 'button.share-actions__primary-action',
    highlights: true,
  },
  {
    id: 'textarea',
    name: 'textarea (LinkedIn invitation note)',
    url: 'https://www.linkedin.com/fixture/textarea.html',
    editor: 'textarea#custom-message',
    postButton: 'button[aria-label="Send invitation"]',
    highlights: false, // painted through the mirror overlay
  },
  {
    id: 'contenteditable',
    name: 'plain contenteditable (LinkedIn messaging)',
    url: 'https://www.linkedin.com/fixture/messaging.html',
    editor: '.msg-form__contenteditable',
    postButton: 'button.msg-form__send-button',
    highlights: true,
    newlineModifiers: ['Shift'], // Enter sends a LinkedIn message
  },
];

export const PHI_POST = 'My client Sandra, 81, keeps falling in her bathroom in Whitby. Grab rails or a wet room?';
export const OFFLINE_POST = 'Her NHS number is 401 023 2137, email jo.bloggs@example.com, phone 07700 900123.';
