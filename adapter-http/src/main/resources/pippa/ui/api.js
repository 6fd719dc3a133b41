// Calls to Pippa's REST API: the token (kept in sessionStorage, never in a URL), JSON in and out, and every
// error turned into an ApiError carrying the problem body's words.

const TOKEN = "pippa.token";

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `The server answered ${status}.`);
    this.status = status;
    this.problem = problem;
  }
}

export function token() {
  return sessionStorage.getItem(TOKEN);
}

export function forget() {
  sessionStorage.removeItem(TOKEN);
}

async function call(path, { method = "GET", body, form } = {}) {
  const headers = { Accept: "application/json" };
  const bearer = token();
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  let payload;
  if (form) {
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    payload = new URLSearchParams(form).toString();
  } else if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    payload = JSON.stringify(body);
  }
  const response = await fetch(path, { method, headers, body: payload });
  if (response.status === 204) return null;
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

export const get = (path) => call(path);
export const post = (path, body) => call(path, { method: "POST", body });

/** Whether the server asks for a login (it answers 401 without a token). */
export async function needsLogin() {
  if (token()) return false;
  try {
    await call("/v1/conversations?limit=1");
    return false;
  } catch (error) {
    if (error.status === 401) return true;
    throw error;
  }
}

export async function login(email, password) {
  const answer = await call("/v1/auth/token", { method: "POST",
    form: { grant_type: "password", username: email, password } });
  sessionStorage.setItem(TOKEN, answer.access_token);
}

/** Revokes the token on the server (best effort) and forgets it here. */
export async function logout() {
  try {
    if (token()) await call("/v1/auth/revoke", { method: "POST" });
  } catch (ignored) {
    // already invalid: forgetting it is all that is left to do
  } finally {
    forget();
  }
}

/** The query string of a path, leaving out empty values. */
export function query(params) {
  const kept = Object.entries(params).filter(([, value]) => value !== undefined && value !== null && value !== "");
  return kept.length ? "?" + new URLSearchParams(kept).toString() : "";
}
