/* OpenSAKIP — small page behaviour, no build step.
 *
 * 1. Error answers of HTMX forms are shown in place. htmx does not swap 4xx answers by
 *    default, so a refused upload (413: file too large) would show nothing. Our views answer
 *    400/409/413 with the same partial as a success, carrying the message; those are
 *    swapped. An answer that is not ours (a proxy's own 413 page) is replaced by the form's
 *    data-too-large message.
 * 2. A file larger than its input's data-max-bytes is refused before it is sent (a slow
 *    connection need not upload 30 MB to learn it is too large); the server checks again.
 * 3. A button with data-copy-to puts its data-text (a drafted text) into that field.
 */
(function () {
  "use strict";

  function showError(form, text) {
    var box = form.querySelector("[data-upload-error]");
    if (!box) {
      box = document.createElement("p");
      box.className = "error";
      box.setAttribute("role", "alert");
      box.setAttribute("data-upload-error", "");
      form.appendChild(box);
    }
    box.textContent = text;
  }

  function tooLarge(form) {
    var inputs = form.querySelectorAll("input[type=file][data-max-bytes]");
    for (var i = 0; i < inputs.length; i++) {
      var limit = parseInt(inputs[i].getAttribute("data-max-bytes"), 10);
      var files = inputs[i].files || [];
      for (var j = 0; j < files.length; j++) {
        if (limit && files[j].size > limit) return inputs[i];
      }
    }
    return null;
  }

  // Before sending (plain forms and HTMX forms alike).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    var input = tooLarge(form);
    if (input) {
      event.preventDefault();
      event.stopImmediatePropagation();
      showError(form, input.getAttribute("data-too-large") || form.getAttribute("data-too-large") || "");
    }
  }, true);

  document.addEventListener("htmx:confirm", function (event) {
    var form = event.target;
    if (form instanceof HTMLFormElement && tooLarge(form)) {
      event.preventDefault();  // the submit listener above has shown the message
    }
  });

  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if (status !== 400 && status !== 409 && status !== 413) return;
    var source = event.detail.requestConfig && event.detail.requestConfig.elt;
    var form = source && (source.closest ? source.closest("form") : null);
    var body = event.detail.xhr.responseText || "";
    if (body.indexOf("data-sakip-partial") !== -1) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    } else if (form && status === 413) {
      showError(form, form.getAttribute("data-too-large") || "");
    }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-copy-to]") : null;
    if (!button) return;
    var field = document.getElementById(button.getAttribute("data-copy-to"));
    if (!field) return;
    field.value = button.getAttribute("data-text") || "";
    field.dispatchEvent(new Event("input", { bubbles: true }));
    field.focus();
  });
})();
