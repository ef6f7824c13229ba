let real;
export async function loadUndici() { real ??= await import('undici/index.js'); return real; }
export class ProxyAgent { constructor(...a) { if (!real) throw new Error('undici not loaded'); return new real.ProxyAgent(...a); } }
export async function fetch(...a) { return (await loadUndici()).fetch(...a); }
