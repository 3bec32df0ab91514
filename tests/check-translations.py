#!/usr/bin/env python3
# check-translations.py
#
# Copyright 2026 The Marbles developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when a translation is incomplete: a string in the sources that
# po/<lang>.po lacks, leaves untranslated or marks fuzzy; or a file under
# src/ or data/ with translatable strings that po/POTFILES.in misses.

import os
import re
import subprocess
import sys
import tempfile

TRANSLATABLE = re.compile(r'\b(?:N?C?_|g_dpgettext2)\s*\(|translatable="yes"|'
                          r'^\s*(?:Name|GenericName|Comment|Keywords)=|<summary>|<description>|'
                          r'<p>|<li>|<caption>', re.M)
SOURCE_SUFFIXES = ('.c', '.ui', '.in', '.xml')

# The same keywords as meson's glib preset for i18n.gettext().
XGETTEXT_ARGS = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format', '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format', '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format', '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
]


def listed_files(srcdir):
    with open(os.path.join(srcdir, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        return [line.strip() for line in f if line.strip() and not line.startswith('#')]


def unlisted_files(srcdir, listed):
    missing = []
    for top in ('src', 'data'):
        for root, _dirs, files in os.walk(os.path.join(srcdir, top)):
            for name in files:
                path = os.path.relpath(os.path.join(root, name), srcdir)
                if not name.endswith(SOURCE_SUFFIXES) or path in listed:
                    continue
                if name.endswith('.gresource.xml'):
                    continue
                with open(os.path.join(srcdir, path), encoding='utf-8') as f:
                    if TRANSLATABLE.search(f.read()):
                        missing.append(path)
    return sorted(missing)


def main():
    srcdir = sys.argv[1]
    failures = []

    listed = listed_files(srcdir)
    for path in listed:
        if not os.path.exists(os.path.join(srcdir, path)):
            failures.append(f'po/POTFILES.in lists {path}, which does not exist')
    for path in unlisted_files(srcdir, listed):
        failures.append(f'{path} has translatable strings but is not in po/POTFILES.in')

    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, 'marbles.pot')
        subprocess.run(['xgettext', '--package-name=marbles', '-o', pot,
                        '--directory=' + srcdir, '--files-from=po/POTFILES.in', *XGETTEXT_ARGS],
                       cwd=srcdir, check=True)
        with open(os.path.join(srcdir, 'po', 'LINGUAS'), encoding='utf-8') as f:
            languages = [w for line in f if not line.startswith('#') for w in line.split()]
        for lang in languages:
            po = os.path.join(srcdir, 'po', lang + '.po')
            stats = subprocess.run(['msgfmt', '--check', '--statistics', '-o', os.devnull, po],
                                   capture_output=True, text=True, env={**os.environ, 'LC_ALL': 'C'})
            if stats.returncode != 0 or 'untranslated' in stats.stderr or 'fuzzy' in stats.stderr:
                failures.append(f'po/{lang}.po is not complete: {stats.stderr.strip()}')
            # Every string in the sources must have a finished translation.
            cmp = subprocess.run(['msgcmp', po, pot], capture_output=True, text=True,
                                 env={**os.environ, 'LC_ALL': 'C'})
            if cmp.returncode != 0:
                failures.append(f'po/{lang}.po lacks strings from the sources '
                                f'(run: meson compile -C build marbles-update-po):\n{cmp.stderr.strip()}')

    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
