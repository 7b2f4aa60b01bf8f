/* consult: destructive actions ask first. A form (or its submit button) with data-confirm
   opens a dialog that says what will happen; "Yes" sends the form with confirm=yes.
   Without JavaScript the server answers with a confirmation page instead. */
(function () {
  "use strict";
  var html = document.documentElement;
  var cancelText = html.getAttribute("data-cancel-text") || "Cancel";
  var titleText = html.getAttribute("data-confirm-title") || "Are you sure?";

  function ask(message, yesLabel, onYes, opener) {
    var dialog = document.createElement("dialog");
    dialog.className = "confirm-dialog";
    dialog.setAttribute("aria-labelledby", "confirm-dialog-title");
    dialog.setAttribute("aria-describedby", "confirm-dialog-text");
    var title = document.createElement("h2");
    title.id = "confirm-dialog-title";
    title.textContent = titleText;
    var text = document.createElement("p");
    text.id = "confirm-dialog-text";
    text.textContent = message;
    var buttons = document.createElement("div");
    buttons.className = "buttons";
    var yes = document.createElement("button");
    yes.type = "button";
    yes.className = "danger";
    yes.textContent = yesLabel;
    var no = document.createElement("button");
    no.type = "button";
    no.className = "secondary";
    no.textContent = cancelText;
    buttons.appendChild(yes);
    buttons.appendChild(no);
    dialog.appendChild(title);
    dialog.appendChild(text);
    dialog.appendChild(buttons);
    document.body.appendChild(dialog);
    function close() {
      dialog.close();
      dialog.remove();
      if (opener) opener.focus();
    }
    no.addEventListener("click", close);
    dialog.addEventListener("cancel", function (event) {
      event.preventDefault();
      close();
    });
    yes.addEventListener("click", function () {
      dialog.close();
      dialog.remove();
      onYes();
    });
    dialog.showModal();
    no.focus();
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var submitter = event.submitter || null;
    var source = submitter && submitter.hasAttribute("data-confirm") ? submitter : form;
    if (!source.hasAttribute || !source.hasAttribute("data-confirm")) return;
    if (form.querySelector("input[name=confirm][value=yes]")) return;
    if (typeof HTMLDialogElement !== "function") return; // the server's page asks instead
    event.preventDefault();
    ask(
      source.getAttribute("data-confirm"),
      source.getAttribute("data-confirm-label") || "OK",
      function () {
        var input = document.createElement("input");
        input.type = "hidden";
        input.name = "confirm";
        input.value = "yes";
        form.appendChild(input);
        if (form.requestSubmit) form.requestSubmit(submitter || undefined);
        else form.submit();
      },
      submitter
    );
  });
})();
