"""Django's makemessages, also collecting ``_lazy("…")``: the modules that need both the immediate and the
lazy gettext import the lazy one under that name, which xgettext does not know by default (their strings
were silently left out of the catalogue)."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=_lazy"]
