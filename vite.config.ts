import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In `npm run dev` the API, document sync and presence live on the Node server.
const server = `http://127.0.0.1:${process.env.ENTRAIDE_SERVER_PORT ?? '3000'}`;

export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    // The Présentation editor (Tiptap) is its own lazy chunk; the first load stays small.
    chunkSizeWarningLimit: 600,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': server,
      '/healthz': server,
      '/yjs': { target: server, ws: true },
      '/socket.io': { target: server, ws: true },
    },
  },
});
