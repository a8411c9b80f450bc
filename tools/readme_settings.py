"""Print the README's settings table from `signaldesk.settings.Settings` (paste it in).

`tests/test_settings.py` fails when the README and the code disagree.
"""

from __future__ import annotations

from signaldesk.settings import Settings


def main() -> None:
    for name, default, help_text in Settings.help_table():
        print(f"| `{name}` | `SIGNALDESK_{name.upper()}` | `{default}` | {help_text} |")


if __name__ == "__main__":
    main()
