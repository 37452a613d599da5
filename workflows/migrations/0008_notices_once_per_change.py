"""A notice of a change names its history event and goes to each person once per event (a retried job, or two
queues the same person works in, tell nobody twice); reminders stay once per task, kind and day. New kinds:
what the village head is told of their dossier's route."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('dossiers', '0010_eligibility_reason'),
        ('workflows', '0007_open_task_index_covering'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='notification',
            name='notification_once_a_day',
        ),
        migrations.AddField(
            model_name='notification',
            name='event',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='dossiers.auditevent', verbose_name='sự kiện'),
        ),
        migrations.AlterField(
            model_name='notification',
            name='kind',
            field=models.CharField(choices=[('due_soon', 'Sắp đến hạn'), ('overdue', 'Quá hạn'), ('queued', 'Hồ sơ mới chờ xử lý'), ('returned', 'Hồ sơ bị trả lại'), ('commune_reviewed', 'Xã đã họp xét'), ('sent_back', 'Trả lại để xem xét lại'), ('rejected', 'Không được đề nghị'), ('decided', 'Đã quyết định'), ('forwarded', 'Đã trình tỉnh'), ('province_outcome', 'Tỉnh đã có kết quả')], max_length=20, verbose_name='loại'),
        ),
        migrations.AddConstraint(
            model_name='notification',
            constraint=models.UniqueConstraint(condition=models.Q(('event__isnull', False)), fields=('user', 'event'), name='notification_once_per_change'),
        ),
        migrations.AddConstraint(
            model_name='notification',
            constraint=models.UniqueConstraint(condition=models.Q(('event__isnull', True)), fields=('user', 'kind', 'task_id', 'day'), name='notification_once_a_day'),
        ),
    ]
