// Chibo's only script besides htmx: sends the CSRF token with htmx requests and keeps the
// date pickers and search boxes in step with the address bar. No inline scripts (CSP).
document.addEventListener("htmx:configRequest", (event) => {
  const meta = document.querySelector('meta[name="csrf-token"]');
  if (meta) event.detail.headers["X-CSRF-Token"] = meta.content;
});
document.addEventListener("click", (event) => {
  const toggle = event.target.closest("[data-toggle-nav]");
  if (toggle) document.body.classList.toggle("nav-open");
});
