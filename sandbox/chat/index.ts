/** The chat page of sandbox mode: mount it with `startSandbox({ pages: chatPage, … })`. */
export { chatPage } from './server.js';
