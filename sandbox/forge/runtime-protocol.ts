/** Messages between the sandbox (host) and the Forge function runtime process (worker), over Node's IPC channel. */
export interface RuntimeAppContext {
  appId: string; appVersion: string; environmentId: string; environmentType: 'DEVELOPMENT'; invocationId: string;
  installationId: string; moduleKey: string; permissions: { scopes: string[] };
}
export interface InvokeMessage {
  type: 'invoke';
  id: number;
  /** `file.export` as in manifest.yml, resolved against the bundle. */
  handler: string;
  args: unknown[];
  token: string;
  appContext: RuntimeAppContext;
  deadline: number;
  /** The sandbox clock's offset from real time: the runtime's Date follows the sandbox clock, as the app must. */
  clockOffsetMs: number;
}
export type WorkerReply =
  | { type: 'ready'; nodeVersion: string }
  | { type: 'result'; id: number; ok: true; result: unknown }
  | { type: 'result'; id: number; ok: false; error: { name: string; message: string; stack?: string } };
