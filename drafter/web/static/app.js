// drafter 网页版：表单不依赖本脚本即可使用；有脚本时，比率、同比与预览随输入更新，上传显示进度。
"use strict";

function csrfOf(form) {
  return form.querySelector("input[name=csrf]").value;
}

// 起草：输入停顿后把表单交给服务器（由库计算比率、同比、检查与预览），更新页面上的对应位置
function liveDraft(form) {
  let timer = null;
  const update = async () => {
    const body = new FormData(form);
    const response = await fetch("/draft/live", {
      method: "POST", body: body, headers: { "X-CSRF-Token": csrfOf(form) },
    });
    if (!response.ok) return;
    const data = await response.json();
    document.getElementById("preview").textContent = data.preview;
    for (const cell of document.querySelectorAll("[data-figure]")) {
      const value = data.figures[cell.dataset.figure];
      if (value !== undefined) cell.textContent = value;
    }
    for (const box of document.querySelectorAll(".notes")) {
      box.replaceChildren(...(data.problems[box.dataset.for] || []).map(note));
    }
    document.getElementById("problems").replaceChildren(...data.general.map(note));
    document.getElementById("problem-count").textContent = data.general.length;
    document.getElementById("problem-list").open = !data.preview;  // the preview when there is one
  };
  form.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(update, 400);
  });
}

function note(text) {
  const p = document.createElement("p");
  p.className = "note";
  p.textContent = text;
  return p;
}

// 语料库、审阅：多文件上传显示进度，完成后转到结果页
function uploadWithProgress(form) {
  const bar = document.getElementById(form.dataset.progress);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const request = new XMLHttpRequest();
    request.open("POST", form.action);
    request.setRequestHeader("X-CSRF-Token", csrfOf(form));
    bar.hidden = false;
    request.upload.onprogress = (e) => { if (e.lengthComputable) bar.value = (100 * e.loaded) / e.total; };
    request.onload = () => {
      if (request.status < 400) {
        window.location.assign(request.responseURL || form.action);
      } else {
        document.open();
        document.write(request.responseText);
        document.close();
      }
    };
    request.send(new FormData(form));
  });
}

document.addEventListener("DOMContentLoaded", () => {
  const draft = document.getElementById("draft-form");
  if (draft) liveDraft(draft);
  for (const form of document.querySelectorAll("form[data-progress]")) uploadWithProgress(form);
});
