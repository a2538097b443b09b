"""Django's command line: ``python examples/django_widgets/manage.py runserver``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository's root
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "examples.django_widgets.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
