"""The page a task opens in viewflow's frontend: the dossier at this stage and what the user may do."""

from django.contrib import messages
from django.shortcuts import redirect
from django.views.generic import TemplateView

from dossiers.errors import ServiceRefusal

from . import payload_forms
from .services.transitions import allowed_transitions, dossier_transition


class DossierTaskView(TemplateView):
    template_name = "workflows/task.html"

    def dossier(self):
        return self.request.activation.process.dossier

    def get_context_data(self, **kwargs):
        dossier = self.dossier()
        allowed = allowed_transitions(self.request.user, dossier, getattr(self.request, "acting", None))
        return super().get_context_data(
            dossier=dossier,
            task=self.request.activation.task,
            forms=[payload_forms.form_for(name, dossier) for name in allowed],
            **kwargs,
        )

    def success_url(self):
        viewset = getattr(self.request.resolver_match, "viewset", None)
        if viewset is not None and hasattr(viewset, "get_success_url"):
            return viewset.get_success_url(self.request)
        return "/"

    def post(self, request, *args, **kwargs):
        dossier = self.dossier()
        name = request.POST.get("transition", "")
        form = payload_forms.form_for(name, dossier, data=request.POST)
        if form is not None and form.is_valid():
            try:
                dossier_transition(
                    user=request.user,
                    dossier_id=dossier.pk,
                    name=name,
                    payload=form.payload(),
                    acting=getattr(request, "acting", None),
                )
            except ServiceRefusal as refusal:
                form.add_refusal(refusal)
            else:
                messages.success(request, f"Đã thực hiện “{form.title}” cho hồ sơ {dossier.code}.")
                return redirect(self.success_url())
        context = self.get_context_data(**kwargs)
        context["forms"] = [form if f and f.name == name else f for f in context["forms"]]
        return self.render_to_response(context, status=400)
