from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from councils.importer import SHIPPED_FILE, InvalidFile, import_councils, parse_councils
from councils.models import Council
from councils.profiles import (
    DEPRIVATION_FILE,
    LABELS_FILE,
    import_profiles,
    parse_deprivation,
    parse_labels,
)
from councils.similarity import SIMILAR_COUNT, rebuild_similar_councils

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
        "are not current in the file are marked inactive. Then load each council's profile "
        "(mySociety's deprivation index and similarity labels) and work out which councils "
        "are most alike. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            type=Path,
            default=SHIPPED_FILE,
            help="CSV file to import (default: the shipped copy)",
        )
        parser.add_argument(
            "--deprivation",
            type=Path,
            default=DEPRIVATION_FILE,
            help="mySociety's composite UK deprivation index by council (default: shipped copy)",
        )
        parser.add_argument(
            "--profiles",
            type=Path,
            default=LABELS_FILE,
            help="mySociety's similarity labels by council (default: the shipped copy)",
        )

    def handle(self, *args, path, deprivation, profiles, **options):
        # Every file is checked before anything is written, and all is written or nothing.
        rows = self.read(path, parse_councils)
        deprivation_rows = self.read(deprivation, parse_deprivation)
        label_rows = self.read(profiles, parse_labels)
        try:
            # A \r counter only makes sense on a terminal, not in a log file.
            progress = self.progress if self.stdout.isatty() else None
            with transaction.atomic():
                summary = import_councils(rows, progress=progress)
                profile_summary = import_profiles(
                    deprivation_rows=deprivation_rows, label_rows=label_rows
                )
                similar_changed = rebuild_similar_councils()
        except InvalidFile as error:
            raise refusal(path, error) from error
        self.report(summary, profile_summary, similar_changed)

    def read(self, path, parse):
        try:
            with path.open(encoding="utf-8-sig", newline="") as lines:
                return parse(lines)
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

    def report(self, summary, profile_summary, similar_changed):
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
        self.report_profiles(profile_summary, similar_changed)
        if summary.changed or profile_summary.changed or similar_changed:
            self.stdout.write(self.style.SUCCESS(_("Import finished.")))
        else:
            self.stdout.write(self.style.SUCCESS(_("No changes.")))

    def report_profiles(self, summary, similar_changed):
        for name, matched in summary.matched.items():
            self.stdout.write(
                _("%(file)s: %(count)d councils matched") % {"file": name, "count": matched}
            )
        if summary.unknown_codes:
            self.stdout.write(
                _("Skipped, not a council in the database: %(codes)s")
                % {"codes": shorten(summary.unknown_codes)}
            )
        self.stdout.write(
            _(
                "Profiles created: %(created)d, updated: %(updated)d, unchanged: %(unchanged)d, "
                "removed: %(removed)d"
            )
            % {
                "created": summary.created,
                "updated": summary.updated,
                "unchanged": summary.unchanged,
                "removed": summary.removed,
            }
        )
        if similar_changed:
            message = _("Worked out the %(count)d most similar councils for each current council.")
        else:
            message = _("The %(count)d most similar councils of each council are unchanged.")
        self.stdout.write(message % {"count": SIMILAR_COUNT})
