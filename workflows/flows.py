"""The dossier's workflow: one human task per stage, owned by the agency of that stage.

The flow never decides a state: the services fire the dossier's transition, then complete the task,
and ``route`` reads the dossier's new state to open the next stage's task (or end the process).
Object permissions sit on the agency (a handful per official), never on each dossier.
"""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from permissions import rules
from permissions.roles import AGENCY_WORK_PERMISSION

from .models import DossierProcess
from .routing import STAGES_BY_NAME, owning_agency, stage_of
from .views import DossierTaskView


def _dossier(process):
    if not isinstance(process, DossierProcess):
        process = process.coerced
    return process.dossier


def at_stage(name):
    def condition(activation):
        stage = stage_of(_dossier(activation.process))
        return stage is not None and stage.name == name

    return condition


def agency_of(name):
    def owner(process):
        return owning_agency(_dossier(process), STAGES_BY_NAME[name])

    return owner


def stage_task(name):
    return (
        flow.View(DossierTaskView.as_view())
        .Annotation(title=STAGES_BY_NAME[name].label)
        .Permission(AGENCY_WORK_PERMISSION, obj=agency_of(name))
        .Next(this.route)
    )


class DossierFlow(flow.Flow):
    """Hồ sơ đề nghị khen thưởng

    Thôn lập hồ sơ → xã xét duyệt → huyện tổng hợp, thẩm định → Chủ tịch quyết định (→ tỉnh).
    """

    process_class = DossierProcess
    process_title = _("Hồ sơ đề nghị khen thưởng")
    process_summary_template = "{{ process.dossier.code }} — {{ process.dossier.title }}"

    start = flow.StartHandle(this.start_process).Next(this.route)
    route = (
        flow.Switch()
        .Case(this.prepare, at_stage("prepare"))
        .Case(this.commune_review, at_stage("commune_review"))
        .Case(this.compile, at_stage("compile"))
        .Case(this.appraisal, at_stage("appraisal"))
        .Case(this.supplement, at_stage("supplement"))
        .Case(this.commune_decision, at_stage("commune_decision"))
        .Case(this.district_decision, at_stage("district_decision"))
        .Case(this.province_outcome, at_stage("province_outcome"))
        .Default(this.end)
    )
    prepare = stage_task("prepare")
    commune_review = stage_task("commune_review")
    compile = stage_task("compile")
    appraisal = stage_task("appraisal")
    supplement = stage_task("supplement")
    commune_decision = stage_task("commune_decision")
    district_decision = stage_task("district_decision")
    province_outcome = stage_task("province_outcome")
    end = flow.End()

    def has_view_permission(self, user, obj=None):
        """The process and task pages of a dossier open only for those who may see the dossier."""
        if not super().has_view_permission(user):
            return False
        if obj is not None and not rules.can_view(user, _dossier(obj)):
            # Only the detail pages ask about one process: a stranger gets 404 there, as everywhere.
            raise Http404(_("Không tìm thấy hồ sơ."))
        return True

    def start_process(self, activation, dossier):
        activation.process.dossier = dossier
        return activation.process
