// newsdesk: live job progress over Server-Sent Events, and a form that cannot be sent twice.
// Everything from the server is put in the page with textContent, never as HTML.
"use strict";

(function () {
  function setText(id, value) {
    const el = document.getElementById(id);
    if (el) el.textContent = value;
  }

  function setStatus(status) {
    const el = document.getElementById("job-status");
    if (!el) return;
    el.textContent = status;
    el.className = "status s-" + status;
  }

  function followJob(root) {
    const list = document.getElementById("job-events");
    const bar = document.getElementById("job-bar");
    const result = document.getElementById("job-result");
    const sections = parseInt(root.dataset.sections || "0", 10);
    const seen = new Set();
    let after = 0;
    list.querySelectorAll("li[data-event-id]").forEach(function (li) {
      const id = parseInt(li.dataset.eventId, 10);
      seen.add(id);
      after = Math.max(after, id);
    });
    let done = bar ? parseInt(bar.value || 0, 10) : 0;

    function apply(event) {
      const data = event.data || {};
      setText("job-stage", event.stage);
      if (event.stage === "job") {
        setStatus(event.status);
        if (event.status === "running") {
          done = 0;
          if (event.attempt > 1) setText("job-stage", "resumed (attempt " + event.attempt + ")");
        }
      } else if (event.stage === "write" && event.status === "start") {
        setText("job-section", data.heading || data.section || "");
      } else if (event.stage === "write" && event.status === "done") {
        done += 1;
      } else if (event.stage === "llm") {
        setText("job-tokens", String(data.total_tokens || 0));
      }
      if (bar && sections) bar.value = Math.min(done, sections);
    }

    function append(event) {
      const li = document.createElement("li");
      li.dataset.eventId = event.id;
      const code = document.createElement("code");
      code.textContent = event.stage + " " + event.status;
      li.appendChild(code);
      li.appendChild(document.createTextNode(" " + JSON.stringify(event.data)));
      list.appendChild(li);
    }

    const source = new EventSource(root.dataset.events + "?after=" + after);
    source.addEventListener("progress", function (message) {
      const event = JSON.parse(message.data);
      if (seen.has(event.id)) return;
      seen.add(event.id);
      append(event);
      apply(event);
    });
    source.addEventListener("end", function (message) {
      source.close();
      const job = JSON.parse(message.data);
      setStatus(job.status);
      result.textContent = "";
      if (job.status === "done" && job.article_id) {
        if (bar) bar.value = bar.max;
        const link = document.createElement("a");
        link.id = "article-link";
        link.href = "/articles/" + job.article_id;
        link.textContent = "Read the article";
        result.appendChild(link);
        if (root.dataset.status !== "done") window.location.assign(link.href);
      } else if (job.status === "failed") {
        const error = document.createElement("span");
        error.className = "error";
        error.setAttribute("role", "alert");
        error.textContent = job.error || "the job failed";
        result.appendChild(error);
      }
    });
    source.onerror = function () {
      if (source.readyState === EventSource.CONNECTING) setText("job-stage", "reconnecting…");
    };
  }

  function guardForms() {
    document.querySelectorAll("form[method=post]").forEach(function (form) {
      form.addEventListener("submit", function () {
        const button = form.querySelector("button[type=submit]");
        if (button) {
          button.disabled = true;
          button.dataset.label = button.textContent;
          button.textContent = "Sending…";
        }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    guardForms();
    const job = document.getElementById("job");
    if (job && job.dataset.status !== "done" && job.dataset.status !== "failed") followJob(job);
  });
})();
