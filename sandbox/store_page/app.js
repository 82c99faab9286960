// A sample store front end for the middle tier.
//
// It holds no WSO2 token: every call goes to the middle tier with the session
// cookie (`credentials: "include"`), and state-changing calls carry the CSRF
// token that GET /auth/csrf hands out. The middle tier's address comes from
// the `api` query parameter, e.g. index.html?api=http://localhost:8000.

const API = new URLSearchParams(location.search).get("api") || "http://localhost:8000";
let csrfToken = null;

// ---- talking to the middle tier ----------------------------------------

async function call(method, path, body) {
  const headers = { Accept: "application/json" };
  if (method !== "GET") {
    headers["X-CSRFToken"] = await csrf();
  }
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
  }
  const response = await fetch(API + path, {
    method,
    headers,
    credentials: "include",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(await describeError(response));
  }
  const type = response.headers.get("Content-Type") || "";
  return type.includes("json") ? response.json() : response;
}

async function csrf() {
  if (!csrfToken) {
    const response = await fetch(API + "/auth/csrf", { credentials: "include" });
    csrfToken = (await response.json()).csrfToken;
  }
  return csrfToken;
}

// Both error shapes reach the page: the middle tier's {error, message} and
// WSO2's own {code, message, description}, passed through as WSO2 sent it.
async function describeError(response) {
  let body = {};
  try {
    body = await response.json();
  } catch (ignored) {
    // Not JSON: the status says enough.
  }
  const text = body.description || body.message || response.statusText;
  return `${response.status}: ${text}`;
}

// ---- rendering ---------------------------------------------------------

const $ = (selector) => document.querySelector(selector);

function showError(error) {
  $("#error").textContent = error ? error.message : "";
  $("#error").hidden = !error;
}

function listItems(list, items, render) {
  list.replaceChildren(
    ...items.map((item) => {
      const li = document.createElement("li");
      render(li, item);
      return li;
    })
  );
}

function button(label, onClick) {
  const element = document.createElement("button");
  element.textContent = label;
  element.addEventListener("click", (event) => {
    event.stopPropagation();
    run(onClick);
  });
  return element;
}

// Run an action and show what went wrong, if anything.
async function run(action) {
  showError(null);
  try {
    await action();
  } catch (error) {
    showError(error);
  }
}

// ---- the session ---------------------------------------------------------

function showSession(session) {
  document.body.classList.toggle("logged-in", Boolean(session));
  $("#login-form").hidden = Boolean(session);
  $("#who").hidden = !session;
  $("#who-name").textContent = session ? session.username : "";
  if (session) {
    return Promise.all([loadApplications(), loadSubscriptions()]);
  }
}

async function login(form) {
  const data = new FormData(form);
  const session = await call("POST", "/auth/login", {
    username: data.get("username"),
    password: data.get("password"),
  });
  // The session key changed at login, and the CSRF token with it.
  csrfToken = null;
  form.reset();
  await showSession(session);
}

async function logout() {
  await call("POST", "/auth/logout");
  csrfToken = null;
  await showSession(null);
}

// ---- APIs and their documents ------------------------------------------

async function loadApis(query) {
  const search = query ? `?query=${encodeURIComponent(query)}` : "";
  const apis = await call("GET", `/store/apis${search}`);
  listItems($("#api-list"), apis.list, (li, api) => {
    li.textContent = `${api.name} ${api.version} — ${api.description || ""}`;
    li.dataset.apiId = api.id;
    li.addEventListener("click", () => run(() => showApi(api.id)));
  });
}

async function showApi(apiId) {
  const api = await call("GET", `/store/apis/${apiId}`);
  $("#api-detail").hidden = false;
  $("#api-detail").dataset.apiId = api.id;
  $("#api-name").textContent = `${api.name} ${api.version}`;
  $("#api-description").textContent = api.description || "";
  $("#api-thumbnail").src = `${API}/store/apis/${api.id}/thumbnail`;
  $("#doc-content").hidden = true;

  const docs = await call("GET", `/store/apis/${api.id}/documents`);
  listItems($("#doc-list"), docs.list, (li, doc) => {
    li.textContent = `${doc.name} (${doc.sourceType}) `;
    li.append(button("Read", () => showDocument(api.id, doc)));
  });
  fillSelect($("#subscribe-form [name=tier]"), api.tiers || [], (tier) => [tier, tier]);
}

async function showDocument(apiId, doc) {
  if (doc.sourceType === "URL") {
    window.open(doc.sourceUrl, "_blank", "noopener");
    return;
  }
  const url = `/store/apis/${apiId}/documents/${doc.documentId}/content`;
  const response = await call("GET", url);
  $("#doc-content").textContent = await response.text();
  $("#doc-content").hidden = false;
}

// ---- applications, keys and subscriptions -------------------------------

async function loadApplications() {
  const apps = await call("GET", "/store/applications");
  listItems($("#app-list"), apps.list, (li, app) => {
    li.textContent = `${app.name} (${app.throttlingTier}) `;
    li.append(button("Generate keys", () => generateKeys(app.applicationId)));
  });
  fillSelect($("#subscribe-form [name=applicationId]"), apps.list, (app) => [
    app.applicationId,
    app.name,
  ]);
}

async function createApplication(form) {
  const name = new FormData(form).get("name");
  await call("POST", "/store/applications", { name, throttlingTier: "Unlimited" });
  form.reset();
  await loadApplications();
}

async function generateKeys(applicationId) {
  const keys = await call(
    "POST",
    `/store/applications/generate-keys?applicationId=${applicationId}`,
    { keyType: "PRODUCTION", validityTime: "3600", accessAllowDomains: ["ALL"] }
  );
  $("#keys").textContent = `Consumer key: ${keys.consumerKey}\nKey state: ${keys.keyState}`;
  $("#keys").hidden = false;
}

async function subscribe(form) {
  const data = new FormData(form);
  await call("POST", "/store/subscriptions", {
    applicationId: data.get("applicationId"),
    apiIdentifier: $("#api-detail").dataset.apiId,
    tier: data.get("tier"),
  });
  await loadSubscriptions();
}

async function loadSubscriptions() {
  const apps = await call("GET", "/store/applications");
  const lists = await Promise.all(
    apps.list.map((app) =>
      call("GET", `/store/subscriptions?applicationId=${app.applicationId}`)
    )
  );
  const names = Object.fromEntries(apps.list.map((a) => [a.applicationId, a.name]));
  const subscriptions = lists.flatMap((list) => list.list);
  listItems($("#subscription-list"), subscriptions, (li, subscription) => {
    const app = names[subscription.applicationId];
    li.textContent = `${subscription.apiIdentifier} → ${app} (${subscription.tier}, ${subscription.status})`;
  });
}

function fillSelect(select, items, optionOf) {
  select.replaceChildren(
    ...items.map((item) => {
      const [value, label] = optionOf(item);
      return new Option(label, value);
    })
  );
}

// ---- wiring ---------------------------------------------------------------

function onSubmit(selector, action) {
  $(selector).addEventListener("submit", (event) => {
    event.preventDefault();
    run(() => action(event.target));
  });
}

onSubmit("#login-form", login);
onSubmit("#search-form", (form) => loadApis(new FormData(form).get("query")));
onSubmit("#app-form", createApplication);
onSubmit("#subscribe-form", subscribe);
$("#logout").addEventListener("click", () => run(logout));

run(async () => {
  await loadApis("");
  const response = await fetch(API + "/auth/session", { credentials: "include" });
  await showSession(response.ok ? await response.json() : null);
});
