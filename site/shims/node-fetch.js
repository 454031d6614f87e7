// Browser stand-in for the Node-only `node-fetch` package (see astro.config.mjs).
export default globalThis.fetch.bind(globalThis);
