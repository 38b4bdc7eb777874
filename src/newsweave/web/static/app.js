// Upload with progress: the only script on the site. Text from the server is inserted with textContent,
// never innerHTML, so nothing an article or a file name contains can run.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("ingest-form");
  if (!form) return;
  const out = document.getElementById("progress");
  const input = document.getElementById("file-input");
  const say = (msg) => { const p = document.createElement("p"); p.textContent = msg; out.appendChild(p); };
  form.addEventListener("dragover", (e) => { e.preventDefault(); form.classList.add("over"); });
  form.addEventListener("dragleave", () => form.classList.remove("over"));
  form.addEventListener("drop", (e) => { e.preventDefault(); form.classList.remove("over"); input.files = e.dataTransfer.files; });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!input.files.length) { say("Choose a file first."); return; }
    const data = new FormData(); data.append("file", input.files[0]);
    say("Uploading " + input.files[0].name + "…");
    const r = await fetch("/api/ingest", { method: "POST", body: data });
    const job = await r.json();
    if (!r.ok) { say("Refused: " + job.message); return; }
    const poll = async () => {
      const j = await (await fetch("/api/jobs/" + job.id)).json();
      out.textContent = ""; say("Job " + j.id + ": " + j.status);
      (j.messages || []).forEach(say);
      if (j.status === "queued" || j.status === "running") setTimeout(poll, 500);
      else if (j.status === "done") { const a = document.createElement("a"); a.href = "/"; a.textContent = "See the stories"; out.appendChild(a); }
    };
    poll();
  });
});
