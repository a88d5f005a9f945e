// The chat transcript's behaviour (Gradio's js_on_load: `element` is the transcript
// component, `watch` runs after each re-render). No network: copy and export happen in
// the browser. __LIMIT__ is replaced with the question length limit when the page is built.
const scope = element.closest("gradio-app") || element.closest(".gradio-container") || document;
const limit = __LIMIT__;

const copyText = async (value) => {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(value);
    return;
  }
  // plain http on an intranet has no clipboard API: copy through a hidden selection
  const area = document.createElement("textarea");
  area.value = value;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  const copied = document.execCommand("copy");
  area.remove();
  if (!copied) throw new Error("copy refused");
};

const flash = (button, message, label) => {
  button.textContent = message;
  setTimeout(() => { button.textContent = label; }, 2000);
};

element.addEventListener("click", async (event) => {
  const copy = event.target.closest(".copy-answer");
  if (copy) {
    const plain = copy.closest(".turn").querySelector("textarea.plain").value;
    try {
      await copyText(plain);
      flash(copy, "コピーしました", "回答と出典をコピー");
    } catch (error) {
      flash(copy, "コピーできませんでした", "回答と出典をコピー");
    }
    return;
  }
  if (event.target.closest(".export-md")) {
    const markdown = element.querySelector("textarea.conversation-md").value;
    const stamp = new Date().toISOString().slice(0, 16).replace(/[-:T]/g, "");
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([markdown], { type: "text/markdown;charset=utf-8" }));
    link.download = `casebook-conversation-${stamp}.md`;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    return;
  }
  const cite = event.target.closest("a.cite");
  if (cite) {
    // [n] goes to that turn's own sources, inside the transcript, without changing the page URL
    const target = element.querySelector(cite.getAttribute("href"));
    if (target) {
      event.preventDefault();
      target.scrollIntoView({ block: "nearest" });
      target.classList.add("flash");
      setTimeout(() => target.classList.remove("flash"), 1500);
    }
  }
});

const counter = () => scope.querySelector("#char-count .char-count");
const showCount = (length) => {
  const shown = counter();
  if (!shown) return;
  const full = length >= limit;
  shown.textContent = full
    ? `${length} / ${limit}字：上限です。これ以上は入力できません。長い質問は分けてください。`
    : `${length} / ${limit}字`;
  shown.classList.toggle("full", full);
};
scope.addEventListener("input", (event) => {
  if (event.target.closest && event.target.closest("#question")) showCount(event.target.value.length);
});

watch("value", () => {
  // the newest answer starts at the top of the transcript's scroll box, never cut off
  const box = element.querySelector(".transcript");
  const turns = element.querySelectorAll(".turn");
  if (box && turns.length) {
    const newest = turns[turns.length - 1];
    box.scrollTop += newest.getBoundingClientRect().top - box.getBoundingClientRect().top;
  }
  const question = scope.querySelector("#question textarea");
  showCount(question ? question.value.length : 0);
});
