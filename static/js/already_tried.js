// "Already tried": while someone writes an idea, show similar pilots from other
// councils and earlier ones from the writer's own. Without JavaScript the idea
// page links to the same list.
const DELAY_MS = 500;
const MIN_LENGTH = 4;

function init(panel) {
  const form = panel.closest("form") || document;
  const title = form.querySelector("#id_title");
  const problem = form.querySelector("#id_problem");
  if (!title) return;
  let timer = null;
  let controller = null;
  let last = "";

  async function refresh() {
    const params = new URLSearchParams({
      title: title.value.trim(),
      problem: problem ? problem.value.trim() : "",
    });
    const query = params.toString();
    if (query === last || title.value.trim().length < MIN_LENGTH) return;
    last = query;
    if (controller) controller.abort();
    controller = new AbortController();
    try {
      const response = await fetch(`${panel.dataset.url}?${query}`, {
        credentials: "same-origin",
        headers: { Accept: "text/html" },
        signal: controller.signal,
      });
      if (!response.ok) return;
      // The fragment is rendered (and escaped) by the server's templates.
      panel.innerHTML = await response.text();
      panel.hidden = false;
    } catch (error) {
      if (error.name !== "AbortError") panel.hidden = true;
    }
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(refresh, DELAY_MS);
  }

  title.addEventListener("input", later);
  if (problem) problem.addEventListener("input", later);
  refresh();
}

document.querySelectorAll("[data-already-tried]").forEach(init);
