// newsdesk: live job progress over Server-Sent Events, and a form that cannot be sent twice (nor with a file over
// its limit).
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
    const steps = document.getElementById("job-steps");
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

    // The server says each event in words and keeps the running progress (newsdesk.progress): the page shows it.
    function apply(event) {
      const progress = event.progress || {};
      if (event.words) setText("job-progress", event.words);
      // a cancel's event is stored as a failure that says so: the job is cancelled, not failed
      if (event.stage === "job") setStatus(event.data && event.data.cancelled ? "cancelled" : event.status);
      setText("job-tokens", String(progress.tokens || 0));
      if (bar && sections) bar.value = Math.min(progress.sections_done || 0, sections);
    }

    function item(event, text) {
      const li = document.createElement("li");
      li.dataset.eventId = event.id;
      li.textContent = text;
      return li;
    }

    function append(event) {
      if (event.words && steps) steps.appendChild(item(event, event.words));
      const raw = item(event, " " + JSON.stringify(event.data));
      const code = document.createElement("code");
      code.textContent = event.stage + " " + event.status;
      raw.insertBefore(code, raw.firstChild);
      list.appendChild(raw);
    }

    // The browser reconnects by itself when a stream breaks, but an answer other than 200 (a 503 while the
    // database is away) closes an EventSource for good: the page then reopens it, ever more slowly, from the last
    // event it showed, so that it carries on, and opens the article, once the server can answer again.
    const RETRY_SECONDS = [1, 2, 5, 10, 30];
    let failures = 0;
    let finished = false;

    function open() {
      const source = new EventSource(root.dataset.events + "?after=" + after);
      source.onopen = function () {
        failures = 0;
      };
      source.addEventListener("progress", function (message) {
        const event = JSON.parse(message.data);
        after = Math.max(after, event.id);
        if (seen.has(event.id)) return;
        seen.add(event.id);
        append(event);
        apply(event);
      });
      source.addEventListener("end", function (message) {
        finished = true;
        source.close();
        end(JSON.parse(message.data));
      });
      source.onerror = function () {
        if (finished) return;
        if (source.readyState === EventSource.CONNECTING) {
          setText("job-progress", "Reconnecting…");
          return;
        }
        const wait = RETRY_SECONDS[Math.min(failures, RETRY_SECONDS.length - 1)];
        failures += 1;
        setText("job-progress", "Lost contact with the server: trying again in " + wait + " s…");
        window.setTimeout(open, wait * 1000);
      };
    }

    function end(job) {
      setStatus(job.status);
      const cancel = document.getElementById("job-cancel");
      if (cancel) cancel.remove(); // the job has finished: nothing is left to cancel
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
      } else if (job.status === "cancelled") {
        const note = document.createElement("span");
        note.className = "notice";
        note.textContent = "Cancelled on request: nothing more was saved.";
        result.appendChild(note);
      }
    }

    open();
  }

  // A file over the form's limit is not sent at all: the server could only read the fields before it, and the
  // editor waited for megabytes to upload to be told so. The page says why; every field stays as it was.
  function tooLarge(form) {
    const input = form.querySelector("input[type=file][data-max-bytes]");
    const file = input && input.files && input.files[0];
    const limit = input ? parseInt(input.dataset.maxBytes, 10) : 0;
    if (!file || !limit || file.size <= limit) return null;
    const number = function (n) {
      return n.toLocaleString("en-US");
    };
    return "the file is " + number(file.size) + " bytes; a file may be at most " + number(limit) + " bytes";
  }

  function sayError(form, message) {
    let error = form.parentNode.querySelector("p.error[data-from-page]");
    if (!error) {
      error = document.createElement("p");
      error.className = "error";
      error.setAttribute("role", "alert");
      error.dataset.fromPage = "1";
      form.parentNode.insertBefore(error, form);
    }
    error.textContent = message;
  }

  function guardForms() {
    document.querySelectorAll("form[method=post]").forEach(function (form) {
      form.addEventListener("submit", function (submit) {
        const over = tooLarge(form);
        if (over) {
          submit.preventDefault();
          sayError(form, over);
          return;
        }
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
    const finished = ["done", "failed", "cancelled"];
    if (job && finished.indexOf(job.dataset.status) < 0) followJob(job);
  });
})();
