/** localStorage key of the reader's theme choice ('light' | 'dark'); absent = follow the system. */
export const THEME_KEY = 'scorefield:theme';

/**
 * Runs inline in <head> before first paint (so a stored dark theme never flashes light).
 * Kept as a string built from THEME_KEY so the key has one definition.
 */
export const themeBootScript = `try{var t=localStorage.getItem(${JSON.stringify(THEME_KEY)});if(t==='light'||t==='dark')document.documentElement.dataset.theme=t}catch(e){}`;
