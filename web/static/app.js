"use strict";
// The learner chat: posts a question, shows the answer and its numbered sources.
(function () {
  const form = document.getElementById("ask");
  const log = document.getElementById("log");
  let sessionId = null;

  function add(tag, className, text) {
    const el = document.createElement(tag);
    el.className = className;
    el.textContent = text; // never innerHTML: answers and questions are shown as text
    log.appendChild(el);
    return el;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const input = document.getElementById("message");
    const message = input.value.trim();
    if (!message) return;
    add("p", "question", message);
    input.value = "";
    const response = await fetch("/api/chat", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ message, session_id: sessionId }),
    });
    if (!response.ok) {
      add("p", "error", "Error " + response.status);
      return;
    }
    const reply = await response.json();
    sessionId = reply.session_id;
    const box = add("div", "answer " + reply.kind, "");
    box.appendChild(document.createElement("p")).textContent = reply.answer;
    if (reply.sources.length) {
      const list = box.appendChild(document.createElement("ol"));
      for (const source of reply.sources) {
        const link = list.appendChild(document.createElement("li")).appendChild(document.createElement("a"));
        link.href = source.url;
        link.rel = "noopener";
        link.textContent = source.title;
      }
    }
  });
})();
