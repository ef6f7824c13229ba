import type { TestServer } from '../../test-server/index.js';

/** A decoded HTTP answer. */
export interface Answer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests poke at arbitrary JSON
  body: any;
}

/** Sends a REST request with a token (or none) and decodes the JSON answer. */
export async function rest(
  server: TestServer,
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<Answer> {
  const headers: Record<string, string> = {
    accept: 'application/vnd.github+json',
    ...extraHeaders,
  };
  if (token) headers.authorization = `token ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(server.url + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // raw media types answer with bytes
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

/** Sends a GraphQL request to `url` (default: the github.com-style endpoint). */
export async function gql(
  server: TestServer,
  token: string | undefined,
  query: string,
  variables?: Record<string, unknown>,
  url = `${server.url}/graphql`,
): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `bearer ${token}`;
  const res = await fetch(url, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

/** Base64 of a UTF-8 string. */
export function b64(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64');
}

/** Decodes GitHub's line-wrapped base64. */
export function unb64(s: string): string {
  return Buffer.from(s.replace(/\n/g, ''), 'base64').toString('utf8');
}
