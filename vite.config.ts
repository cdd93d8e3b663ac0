import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The renderer: built to out/renderer, loaded by Electron (app://) and by the web host. */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    sourcemap: false,
    target: 'chrome120',
    chunkSizeWarningLimit: 2000,
  },
});
