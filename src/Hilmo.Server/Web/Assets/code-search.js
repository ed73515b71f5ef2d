// Code search for the web form's code fields: as the user types, the code server's matches fill
// the field's suggestion list. Without this script the form still works: codes are typed, and
// the "search codes" link beside each field opens the code server's page.
"use strict";
document.querySelectorAll("input[data-classification]").forEach((input) => {
  const list = document.getElementById(input.getAttribute("list"));
  let timer = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const query = input.value.trim();
    if (query.length < 2 || !list) return;
    timer = setTimeout(async () => {
      const url = `/api/v1/codes/${encodeURIComponent(input.dataset.classification)}?q=${encodeURIComponent(query)}`
        + (input.dataset.date ? `&date=${encodeURIComponent(input.dataset.date)}` : "");
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const body = await response.json();
      const lang = document.documentElement.lang;
      list.replaceChildren(...body.codes.slice(0, 30).map((code) => {
        const option = document.createElement("option");
        option.value = code.code;
        option.label = `${code.code} ${code.name[lang] || code.name.fi}`;
        return option;
      }));
    }, 200);
  });
});
