// Builds the UI into dist/, which `statecraft serve` serves. During development,
// `npm run dev` proxies /api to a running `statecraft serve` (STATECRAFT_API, by
// default http://127.0.0.1:8080).
import { defineConfig } from "vite";

export default defineConfig({
  base: "/",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // One small bundle; no source maps shipped to the browser.
    sourcemap: false,
    chunkSizeWarningLimit: 400,
  },
  server: {
    host: "127.0.0.1",
    proxy: {
      "/api": process.env.STATECRAFT_API ?? "http://127.0.0.1:8080",
    },
  },
});
