// Feedback on one reply: helpful yes/no at once, an optional 1-5 rating with a comment, and
// "Report a wrong answer" (counted apart from the ratings).
import { send } from "./api.js";
import { label } from "./i18n.js";

let counter = 0;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** The feedback widget for `messageId`; `questionKey` is the UI string asking if it helped. */
export function feedbackWidget(messageId, questionKey = "feedback_question") {
  counter += 1;
  const id = `fb${counter}`;
  const box = el("div", { class: "feedback" });
  const thanks = el("p", { class: "thanks", role: "status" });

  async function submit(body, onDone) {
    try {
      await send("POST", "/api/feedback", { message_id: messageId, ...body });
      label(thanks, "feedback_thanks");
      onDone();
    } catch (error) {
      label(thanks, error.status === 429 ? "error_rate" : "error_generic", { seconds: error.retryAfter || 60 });
    }
  }

  const question = label(el("span", { id: `${id}-q`, class: "feedback-q" }), questionKey);
  const group = el("div", { class: "helpful", role: "group", "aria-labelledby": `${id}-q` }, question);
  const buttons = [];
  for (const [value, key] of [[true, "yes"], [false, "no"]]) {
    const button = label(el("button", { type: "button", class: "secondary small", "aria-pressed": "false" }), key);
    button.addEventListener("click", () =>
      submit({ helpful: value }, () => {
        for (const b of buttons) {
          b.setAttribute("aria-pressed", String(b === button));
          b.disabled = true;
        }
      }),
    );
    buttons.push(button);
    group.append(" ", button);
  }

  const legend = label(el("legend"), "rating_legend");
  const scale = el("div", { class: "scale" });
  for (let n = 1; n <= 5; n += 1) {
    scale.append(el("label", { class: "scale-option" }, el("input", { type: "radio", name: `${id}-rating`, value: String(n) }), ` ${n}`));
  }
  const comment = el("textarea", { id: `${id}-comment`, rows: "2", maxlength: "1000", "aria-describedby": `${id}-comment-hint` });
  const commentHint = label(el("p", { id: `${id}-comment-hint`, class: "hint" }), "comment_no_personal");
  const submitButton = label(el("button", { type: "submit", class: "small" }), "send_feedback");
  const form = el(
    "form",
    { class: "rating-form" },
    el("fieldset", {}, legend, scale),
    label(el("label", { for: `${id}-comment` }), "comment_label"),
    commentHint,
    comment,
    submitButton,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const picked = form.querySelector("input[type=radio]:checked");
    const body = {};
    if (picked) body.rating = Number(picked.value);
    if (comment.value.trim()) body.comment = comment.value.trim();
    if (!Object.keys(body).length) return;
    submit(body, () => {
      for (const input of form.querySelectorAll("input, textarea, button")) input.disabled = true;
    });
  });
  const details = el("details", {}, label(el("summary"), "feedback_more"), form);
  box.append(group, details, wrongAnswer(messageId, id), thanks);
  return box;
}

/** "Report a wrong answer": one click sends the report; a comment can follow. */
function wrongAnswer(messageId, id) {
  const box = el("div", { class: "report-wrong" });
  const status = el("p", { class: "thanks", role: "status" });
  const button = label(el("button", { type: "button", class: "secondary small report-button" }), "report_wrong");
  const comment = el("textarea", { id: `${id}-wrong`, rows: "2", maxlength: "1000", "aria-describedby": `${id}-wrong-hint` });
  const submitButton = label(el("button", { type: "submit", class: "small" }), "send_feedback");
  const form = el(
    "form",
    { class: "rating-form wrong-form", hidden: "" },
    label(el("label", { for: `${id}-wrong` }), "report_wrong_comment"),
    label(el("p", { id: `${id}-wrong-hint`, class: "hint" }), "comment_no_personal"),
    comment,
    submitButton,
  );
  async function post(body, onDone) {
    try {
      await send("POST", "/api/feedback", { message_id: messageId, wrong_answer: true, ...body });
      onDone();
    } catch (error) {
      label(status, error.status === 429 ? "error_rate" : "error_generic", { seconds: error.retryAfter || 60 });
    }
  }
  button.addEventListener("click", () =>
    post({}, () => {
      button.disabled = true;
      button.setAttribute("aria-pressed", "true");
      label(status, "report_wrong_thanks");
      form.hidden = false;
      comment.focus();
    }),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!comment.value.trim()) return;
    post({ comment: comment.value.trim() }, () => {
      for (const input of form.querySelectorAll("textarea, button")) input.disabled = true;
      label(status, "feedback_thanks");
    });
  });
  box.append(button, status, form);
  return box;
}
