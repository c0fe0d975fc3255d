// Feedback on one reply: helpful yes/no at once, and an optional 1-5 rating with a comment.
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
  const comment = el("textarea", { id: `${id}-comment`, rows: "2", maxlength: "1000" });
  const submitButton = label(el("button", { type: "submit", class: "small" }), "send_feedback");
  const form = el(
    "form",
    { class: "rating-form" },
    el("fieldset", {}, legend, scale),
    label(el("label", { for: `${id}-comment` }), "comment_label"),
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
  box.append(group, details, thanks);
  return box;
}
