// The popup's entry point (bundled by build.mjs); the page itself is popup_page.js.

import { startPopup } from './popup_page.js';

startPopup(document, location.search);
