from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from councils.importer import SHIPPED_FILE, InvalidFile, import_councils, parse_councils
from councils.models import Council

CODES_SHOWN = 20


def shorten(codes):
    if len(codes) <= CODES_SHOWN:
        return ", ".join(codes)
    more = _("and %(count)d more") % {"count": len(codes) - CODES_SHOWN}
    return ", ".join(codes[:CODES_SHOWN]) + " " + more


def refusal(path, error):
    return CommandError(
        _("%(path)s was not imported. Nothing was changed.\n%(problems)s")
        % {"path": path, "problems": error}
    )


class Command(BaseCommand):
    help = (
        "Create or update councils from mySociety's list of UK local authorities "
        "(the copy shipped in councils/data/ unless you give a path). Councils that "
        "are not current in the file are marked inactive. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            type=Path,
            default=SHIPPED_FILE,
            help="CSV file to import (default: the shipped copy)",
        )

    def handle(self, *args, path, **options):
        rows = self.read(path)
        try:
            # A \r counter only makes sense on a terminal, not in a log file.
            progress = self.progress if self.stdout.isatty() else None
            summary = import_councils(rows, progress=progress)
        except InvalidFile as error:
            raise refusal(path, error) from error
        self.report(summary)

    def read(self, path):
        try:
            with path.open(encoding="utf-8-sig", newline="") as lines:
                return parse_councils(lines)
        except OSError as error:
            raise CommandError(
                _("Cannot read %(path)s: %(error)s") % {"path": path, "error": error.strerror}
            ) from error
        except UnicodeDecodeError as error:
            raise CommandError(
                _("%(path)s is not UTF-8 text, so it was not imported.") % {"path": path}
            ) from error
        except InvalidFile as error:
            raise refusal(path, error) from error

    def progress(self, done, total):
        self.stdout.write(
            "\r" + _("Importing councils: %(done)d of %(total)d") % {"done": done, "total": total},
            ending="\n" if done == total else "",
        )
        self.stdout.flush()

    def report(self, summary):
        self.stdout.write(_("Created: %(count)d") % {"count": summary.created})
        self.stdout.write(_("Updated: %(count)d") % {"count": summary.updated})
        self.stdout.write(_("Unchanged: %(count)d") % {"count": summary.unchanged})
        inactive = _("Marked inactive: %(count)d") % {"count": summary.deactivated}
        if summary.deactivated_codes:
            inactive += " (" + shorten(summary.deactivated_codes) + ")"
        self.stdout.write(inactive)
        current = Council.objects.active().count()
        former = Council.objects.count() - current
        self.stdout.write(
            _("The database now holds %(current)d current and %(former)d former councils.")
            % {"current": current, "former": former}
        )
        if summary.changed:
            self.stdout.write(self.style.SUCCESS(_("Import finished.")))
        else:
            self.stdout.write(self.style.SUCCESS(_("No changes.")))
