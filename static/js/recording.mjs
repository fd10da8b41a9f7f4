// Progressive enhancement of the clerks' and officers' forms. Without JavaScript the same
// forms work through their submit buttons ("Add another", "Remove") and plain selects.

// The library writes each suggestion into the page as HTML: names are text.
const asText = (value) =>
  String(value ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const templates = { inputValue: (value) => value ?? "", suggestion: asText };

// A searchable picker over a <select>: accessible-autocomplete (loaded on the pages that
// use it) keeps the select as the value sent, so the form posts the same either way.
export function enhancePickers(root) {
  const autocomplete = window.accessibleAutocomplete;
  if (!autocomplete) return;
  root.querySelectorAll('select[data-module="app-autocomplete"]').forEach((select) => {
    const empty = select.querySelector('option[value=""]');
    autocomplete.enhanceSelectElement({
      selectElement: select,
      defaultValue: "",
      showAllValues: true,
      // The best match is chosen by Enter, as a keyboard user expects.
      autoselect: true,
      dropdownArrow: () => "",
      placeholder: empty ? empty.textContent : "",
      templates,
    });
    // Clearing the text clears the choice too (the library keeps the last one otherwise).
    const input = document.getElementById(select.id);
    if (input && input !== select) {
      input.addEventListener("blur", () => {
        if (input.value.trim() === "") select.value = "";
      });
    }
  });
}

// A people picker that asks the server as the clerk types (meetings.lookups): the text box
// becomes an accessible-autocomplete whose list comes from the box's data-lookup-url, and
// the id of the person chosen goes in the hidden box beside it. The text is what counts:
// the server looks a name up again when it is not the one chosen.
export function enhanceLookups(root) {
  const autocomplete = window.accessibleAutocomplete;
  if (!autocomplete) return;
  root.querySelectorAll('input[data-module="app-person-lookup"]').forEach((box) => {
    const chosen = box.form && box.form.elements.namedItem(`${box.name}_id`);
    const url = new URL(box.dataset.lookupUrl, window.location.href);
    const ids = new Map();
    let waiting;
    // Until the server answers, the list says it is looking, not that no one was found.
    let looking = false;
    const source = (query, populate) => {
      looking = true;
      clearTimeout(waiting);
      // A request when typing pauses, not one per letter.
      waiting = setTimeout(() => {
        url.searchParams.set("q", query);
        fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
          .then((response) => (response.ok ? response.json() : { results: [] }))
          .then(({ results }) => {
            results.forEach(({ id, label }) => ids.set(label, id));
            looking = false;
            populate(results.map(({ label }) => label));
          })
          .catch(() => {
            looking = false;
            populate([]);
          });
      }, 150);
    };
    const holder = document.createElement("div");
    box.replaceWith(holder);
    autocomplete({
      element: holder,
      id: box.id,
      name: box.name,
      defaultValue: box.value,
      source,
      minLength: 2,
      autoselect: true,
      confirmOnBlur: false,
      inputClasses: box.className,
      tNoResults: () => (looking ? "Looking for names…" : "No one of that name is recorded"),
      templates,
      onConfirm: (label) => {
        if (label && chosen) chosen.value = String(ids.get(label) ?? "");
      },
    });
    const input = document.getElementById(box.id);
    const described = box.getAttribute("aria-describedby");
    if (input && described) input.setAttribute("aria-describedby", described);
  });
}

// GOV.UK "add another": rows added and removed in place, numbered in order. The server
// accepts gaps in the formset's numbering, so a removed row simply leaves one.
function initAddAnother(container) {
  const list = container.querySelector("[data-add-another-list]");
  const template = container.querySelector("template[data-add-another-template]");
  const total = container.querySelector('input[name$="-TOTAL_FORMS"]');
  const add = container.querySelector("[data-add-another-add]");
  if (!list || !template || !total || !add) return;

  const renumber = () => {
    list.querySelectorAll("[data-add-another-item]").forEach((item, position) => {
      item.querySelectorAll("[data-add-another-number]").forEach((n) => {
        n.textContent = String(position + 1);
      });
      item.querySelectorAll("[data-add-another-remove] .govuk-visually-hidden").forEach((n) => {
        n.textContent = n.textContent.replace(/(\d+|__number__)$/, String(position + 1));
      });
    });
  };

  add.addEventListener("click", (event) => {
    event.preventDefault();
    const index = Number(total.value);
    const html = template.innerHTML.replaceAll("__prefix__", String(index));
    const holder = document.createElement("div");
    holder.innerHTML = html;
    const item = holder.firstElementChild;
    list.appendChild(item);
    total.value = String(index + 1);
    renumber();
    enhancePickers(item);
    enhanceLookups(item);
    const first = item.querySelector("input:not([type=hidden]), select, textarea");
    if (first) first.focus();
  });

  list.addEventListener("click", (event) => {
    const button = event.target.closest("[data-add-another-remove]");
    if (!button) return;
    event.preventDefault();
    button.closest("[data-add-another-item]").remove();
    renumber();
    add.focus();
  });
}

// Rows of pickers sharing one name (boards.forms.PickerRows): "Add another" adds a blank
// picker in place and puts the focus in it, so a keyboard user goes on typing.
function initPickerRows(container) {
  const list = container.querySelector("[data-picker-rows-list]");
  const template = container.querySelector("template[data-picker-rows-template]");
  const add = container.querySelector("[data-picker-rows-add]");
  if (!list || !template || !add) return;
  add.addEventListener("click", (event) => {
    event.preventDefault();
    const number = list.children.length + 1;
    const holder = document.createElement("ul");
    holder.innerHTML = template.innerHTML.replaceAll("__number__", String(number));
    const row = holder.firstElementChild;
    list.appendChild(row);
    enhancePickers(row);
    enhanceLookups(row);
    const field = row.querySelector("input, select");
    if (field) field.focus();
  });
}

// The register: a member's substitute is asked for only once the member is not marked
// present (or a substitute is already chosen), so that a keyboard user does not pass a
// picker in every row of a full board. Without JavaScript every row shows its picker.
function initRegister(register) {
  register.querySelectorAll(".app-register__row").forEach((row) => {
    const substitute = row.querySelector(".app-register__substitute");
    const select = substitute && substitute.querySelector("select");
    if (!select) return;
    const update = () => {
      const checked = row.querySelector("input[type=radio]:checked");
      substitute.hidden = Boolean(checked && checked.value === "present" && !select.value);
    };
    row.addEventListener("change", update);
    update();
  });
}

// After "Save and add another", the clerk goes straight on: the cursor is put in the first
// field of the blank form, which names the message saying what was saved (the banner that
// would otherwise take the focus to be read out).
function focusAfterSave() {
  const field = document.querySelector("[data-focus-after-save]");
  const message = document.querySelector(
    ".govuk-notification-banner--success .govuk-notification-banner__heading",
  );
  if (!field || !message) return;
  message.id = message.id || "app-saved-message";
  const described = field.getAttribute("aria-describedby");
  field.setAttribute("aria-describedby", [message.id, described].filter(Boolean).join(" "));
  field.focus();
}

export function initRecording() {
  document.querySelectorAll('[data-module="app-picker-rows"]').forEach(initPickerRows);
  document.querySelectorAll('[data-module="app-add-another"]').forEach(initAddAnother);
  enhancePickers(document);
  enhanceLookups(document);
  document.querySelectorAll(".app-register").forEach(initRegister);
  focusAfterSave();
}
