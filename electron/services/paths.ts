/** The user's data folder: one definition for the desktop, the web host and the server. */
export { defaultDataDir } from '../../server/data-folder';
