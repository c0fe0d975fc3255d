// Calls to Suunta's API: JSON, and the chat stream (server-sent events read through fetch).

export class ApiError extends Error {
  constructor(status, detail, retryAfter) {
    super(detail || `HTTP ${status}`);
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

async function failure(response) {
  let detail = "";
  try {
    const body = await response.json();
    detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail);
  } catch (_) {
    /* not JSON */
  }
  return new ApiError(response.status, detail, Number(response.headers.get("Retry-After")) || 0);
}

/** Sends JSON with `method` to `url`; returns the parsed reply, or null for 204. */
export async function send(method, url, body) {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin",
  });
  if (!response.ok) throw await failure(response);
  return response.status === 204 ? null : response.json();
}

/** GET `url` as JSON. */
export async function getJSON(url) {
  const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
  if (!response.ok) throw await failure(response);
  return response.json();
}

function parseFrame(frame) {
  let event = "message";
  const data = [];
  for (const line of frame.split("\n")) {
    if (line.startsWith("event:")) event = line.slice(6).trim();
    else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
  }
  return { event, data: data.join("\n") };
}

/**
 * Asks `body` through POST /api/chat/stream, calling onDelta(text) for each piece, and resolves
 * with the final reply (the same JSON /api/chat gives). Falls back to /api/chat when the stream
 * endpoint is not there or cannot be read.
 */
export async function chat(body, onDelta) {
  let response;
  try {
    response = await fetch("/api/chat/stream", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
      body: JSON.stringify(body),
    });
  } catch (_) {
    response = null;
  }
  const streamable = response && response.ok && response.body && window.TextDecoder;
  if (!streamable) {
    if (response && [400, 413, 422, 429].includes(response.status)) throw await failure(response);
    const reply = await send("POST", "/api/chat", body);
    onDelta(reply.answer, true);
    return reply;
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffer += decoder.decode(value, { stream: true });
    buffer = buffer.replace(/\r\n/g, "\n");
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const frame = parseFrame(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (!frame.data) continue;
      const payload = JSON.parse(frame.data);
      if (frame.event === "delta") onDelta(payload.text || "", false);
      else if (frame.event === "reset") onDelta("", true); // the answer starts again
      else if (frame.event === "done") return payload;
      else if (frame.event === "error") throw new ApiError(500, payload.detail);
    }
    if (done) throw new ApiError(502, "the answer stream ended early");
  }
}
