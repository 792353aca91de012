// The chooser as you type (core/chooser.py): the text box becomes a combobox whose listbox shows the rows the
// search endpoint finds (an HTML fragment), picked with the arrow keys and Enter, or a click; the live region
// says how many were found. Picking fills the hidden id; typing again clears it. Without this script the form
// works as it is (the server picks one match or offers radios).
(function () {
  "use strict";

  var DELAY = 250;

  function enhance(root) {
    var input = root.querySelector("[data-chooser-input]");
    var value = root.querySelector("[data-chooser-value]");
    var listbox = root.querySelector("[data-chooser-listbox]");
    var status = root.querySelector("[data-chooser-status]");
    var chosen = root.querySelector("[data-chooser-chosen]");
    var url = root.getAttribute("data-chooser-url");
    var minLength = parseInt(root.getAttribute("data-chooser-min"), 10) || 2;
    if (!input || !value || !listbox || !status || !url) {
      return;
    }
    var timer = null;
    var asked = 0;
    var active = -1;

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);

    function options() {
      return Array.prototype.slice.call(listbox.querySelectorAll("[role=option]"));
    }

    function open() {
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var all = options();
      if (!all.length) {
        return;
      }
      active = (index + all.length) % all.length;
      all.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === active ? "true" : "false");
      });
      input.setAttribute("aria-activedescendant", all[active].id);
      all[active].scrollIntoView({ block: "nearest" });
    }

    function pick(option) {
      value.value = option.getAttribute("data-value");
      input.value = option.getAttribute("data-text");
      var text = root.getAttribute("data-chooser-chosen-prefix") + " " + option.textContent;
      if (chosen) {
        chosen.textContent = text;
        chosen.hidden = false;
      }
      status.textContent = text;
      dropRadios();
      close();
      input.focus();
    }

    function dropRadios() {
      // Radios the server offered for an earlier text no longer apply.
      var matches = root.querySelector("[data-chooser-matches]");
      if (matches) {
        matches.remove();
      }
    }

    function search() {
      var text = input.value.trim();
      var mine = ++asked;
      if (text.length < minLength) {
        listbox.replaceChildren();
        close();
        status.textContent = text ? root.getAttribute("data-chooser-short") : "";
        return;
      }
      fetch(url + (url.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(text), {
        credentials: "same-origin",
        headers: { Accept: "text/html" },
      })
        .then(function (response) {
          return response.ok ? response.text() : Promise.reject(response.status);
        })
        .then(function (html) {
          if (mine !== asked) {
            return; // An answer to an older text.
          }
          var fragment = new DOMParser().parseFromString(html, "text/html");
          var found = Array.prototype.slice.call(fragment.querySelectorAll("[role=option]"));
          found.forEach(function (option, i) {
            option.id = listbox.id + "_" + i;
            option.addEventListener("click", function () {
              pick(option);
            });
          });
          listbox.replaceChildren.apply(listbox, found);
          var message = fragment.querySelector("[data-chooser-message]");
          status.textContent = message ? message.textContent : "";
          active = -1;
          input.removeAttribute("aria-activedescendant");
          if (found.length) {
            open();
          } else {
            close();
          }
        })
        .catch(function () {
          close(); // The form still works: the server picks from the text on submit.
        });
    }

    input.addEventListener("input", function () {
      value.value = "";
      if (chosen) {
        chosen.hidden = true;
        chosen.textContent = "";
      }
      dropRadios();
      window.clearTimeout(timer);
      timer = window.setTimeout(search, DELAY);
    });

    input.addEventListener("keydown", function (event) {
      var isOpen = !listbox.hidden && options().length > 0;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!options().length) {
          return;
        }
        event.preventDefault();
        open();
        highlight(active < 0 && event.key === "ArrowUp" ? -1 : active + (event.key === "ArrowDown" ? 1 : -1));
      } else if (event.key === "Enter" && isOpen && active >= 0) {
        event.preventDefault(); // Enter picks; the next Enter sends the form.
        pick(options()[active]);
      } else if (event.key === "Escape" && isOpen) {
        event.preventDefault();
        close();
      }
    });

    // A click on an option must not first take the focus away from the box (which would close the list).
    listbox.addEventListener("mousedown", function (event) {
      event.preventDefault();
    });
    input.addEventListener("blur", function () {
      close();
    });
  }

  document.querySelectorAll("[data-chooser]").forEach(enhance);
})();
