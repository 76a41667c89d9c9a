import { defineConfig } from "vite";
import solid from "vite-plugin-solid";

const api = "http://localhost:3000";

export default defineConfig({
  root: import.meta.dirname,
  plugins: [solid()],
  server: {
    port: 5173,
    proxy: {
      "/api": {
        target: api,
        // The API refuses cookie-authenticated writes from unknown origins (CSRF): in development the
        // console is on Vite's port, so the proxy presents the API's own origin.
        configure: (proxy) => proxy.on("proxyReq", (request) => request.setHeader("origin", api)),
      },
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
  },
});
