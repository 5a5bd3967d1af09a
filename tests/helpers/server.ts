import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App, type AppDeps } from '../../server/app.ts';
import { defaultConfig, type Config } from '../../server/config.ts';
import { CreateSessionResponse } from '../../shared/schemas.ts';

export function tempDir(prefix = 'entraide-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface TestServer {
  app: App;
  port: number;
  http: string;
  ws: string;
  close(): Promise<void>;
}

/** A real server on a free port with its own SQLite file under a fresh temp dir. */
export async function startServer(overrides: Partial<Config> = {}, deps: AppDeps = {}): Promise<TestServer> {
  const dataDir = overrides.dataDir ?? tempDir();
  const app = await createApp(defaultConfig({ dataDir, ...overrides }), deps);
  const port = await app.listen();
  return { app, port, http: `http://127.0.0.1:${port}`, ws: `ws://127.0.0.1:${port}`, close: () => app.close() };
}

export interface CreatedSession {
  id: string;
  tokens: { host: string; member: string; screen: string };
}

export const SAMPLE_SESSION = {
  title: 'Entrer sur le marché de l’hydrogène',
  hostCompany: 'Décolletage Arve Précision',
  hostName: 'Claire Mugnier',
  date: '2026-12-03',
};

export async function createSession(baseUrl: string, body: object = SAMPLE_SESSION): Promise<CreatedSession> {
  const res = await fetch(`${baseUrl}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`POST /api/sessions answered ${res.status}: ${await res.text()}`);
  const created = CreateSessionResponse.parse(await res.json());
  const token = (link: string) => new URL(link, baseUrl).searchParams.get('token') ?? '';
  return { id: created.id, tokens: { host: token(created.links.host), member: token(created.links.member), screen: token(created.links.screen) } };
}
