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
});
