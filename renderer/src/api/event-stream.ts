/**
 * Reads a server-sent-events body: every `data:` frame holding `{name, payload}` goes to `emit`.
 * Resolves when the stream ends, or at an `event: dropped` frame (the server closes a client that
 * fell too far behind; the caller then connects again and refetches).
 */
export async function readEventStream(body: ReadableStream<Uint8Array>, emit: (name: string, payload: unknown) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (handleFrame(frame, emit) === 'dropped') return;
      }
    }
  } finally {
    void reader.cancel().catch(() => undefined);
  }
}

function handleFrame(frame: string, emit: (name: string, payload: unknown) => void): 'dropped' | 'ok' {
  let event = 'message';
  const data: string[] = [];
  for (const line of frame.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  if (event === 'dropped') return 'dropped';
  if (event !== 'message' || data.length === 0) return 'ok';
  let msg: { name?: unknown; payload?: unknown };
  try {
    msg = JSON.parse(data.join('\n')) as typeof msg;
  } catch {
    return 'ok';
  }
  if (typeof msg.name === 'string') emit(msg.name, msg.payload);
  return 'ok';
}
