// Small helpers for the pages; everything also works without them.
document.addEventListener("DOMContentLoaded", function () {
  // The language menu takes effect as soon as a language is chosen.
  var language = document.getElementById("lang-select");
  if (language) language.addEventListener("change", function () { language.form.submit(); });

  // The dossier form: add one more nomination row without leaving the page.
  var add = document.getElementById("add-nomination");
  if (add) add.addEventListener("click", function () {
    var total = document.getElementById("id_n-TOTAL_FORMS");
    var html = document.getElementById("empty-nomination").innerHTML.replace(/__prefix__/g, total.value);
    document.getElementById("nominations").insertAdjacentHTML("beforeend", html);
    total.value = parseInt(total.value, 10) + 1;
  });

  // An irreversible step asks once, naming the dossier and what will happen (the text is on the page too,
  // next to the button, so that without JavaScript nothing is hidden; only the question is not asked).
  document.addEventListener("submit", function (event) {
    var button = event.submitter || event.target.querySelector("button[data-confirm]");
    var question = button && button.getAttribute("data-confirm");
    if (question && !window.confirm(question)) event.preventDefault();
  });

  // Ticking a box that takes something out of the dossier (a nominee, a report) asks first; "no" unticks it.
  document.addEventListener("change", function (event) {
    var box = event.target;
    var question = box.type === "checkbox" && box.checked && box.getAttribute("data-confirm");
    if (question && !window.confirm(question)) box.checked = false;
  });
});
