import { BrowserWindow, nativeTheme } from 'electron';

/**
 * Creates the main window. The webPreferences are written out here, literally, so reviewers
 * and electronegativity see them; each line cites the Electron security checklist item
 * (https://www.electronjs.org/docs/latest/tutorial/security) it implements.
 */
export function createMainWindow(preload: string): BrowserWindow {
  return new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Engine Console',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#121212' : '#ffffff',
    webPreferences: {
      preload,
      contextIsolation: true, // #3 Enable context isolation
      nodeIntegration: false, // #2 Do not enable Node.js integration for remote content
      nodeIntegrationInWorker: false, // #2
      nodeIntegrationInSubFrames: false, // #2
      sandbox: true, // #4 Enable process sandboxing (the preload is one CJS bundle)
      webSecurity: true, // #6 Do not disable webSecurity
      allowRunningInsecureContent: false, // #8 Do not enable allowRunningInsecureContent
      experimentalFeatures: false, // #9 Do not enable experimental features
      webviewTag: false, // #12 Do not use <webview>
      disableBlinkFeatures: 'Auxclick', // #13 middle-click must not open links in new windows
      navigateOnDragDrop: false, // #13 a dropped file or link must not navigate the app away
      safeDialogs: true,
      spellcheck: false,
    },
  });
}
