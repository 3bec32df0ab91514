# gettext_util.py
#
# Copyright 2026 The Marbles developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# What the checks of the wording share: the strings of the sources, as
# xgettext extracts them (with the same keywords as check-translations.py),
# a .po file read into entries, and the texts of the bundled scripts.

import glob
import importlib.util
import json
import os
import re
import subprocess
import tempfile


class Entry:
    """One message of a .po or .pot file."""

    def __init__(self):
        self.context = None
        self.msgid = None
        self.plural = None
        self.msgstrs = []
        self.references = []

    @property
    def key(self):
        return (self.context, self.msgid)


def _unquote(text):
    text = text.strip()
    if not (text.startswith('"') and text.endswith('"')):
        raise ValueError(f'not a quoted string: {text}')
    escapes = {'n': '\n', 't': '\t', '"': '"', '\\': '\\'}
    return re.sub(r'\\(.)', lambda m: escapes.get(m.group(1), m.group(1)), text[1:-1])


def read_po(path):
    """The entries of a .po or .pot file, without the header and without
    obsolete (#~) entries."""
    entries = []
    entry = None
    field = None
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if not line.strip():
                entry = None
                continue
            if line.startswith('#~'):
                continue
            if entry is None:
                entry = Entry()
                entries.append(entry)
            if line.startswith('#:'):
                entry.references += line[2:].split()
            elif line.startswith('#'):
                continue
            elif line.startswith('"'):
                value = _unquote(line)
                if field == 'msgctxt':
                    entry.context += value
                elif field == 'msgid':
                    entry.msgid += value
                elif field == 'msgid_plural':
                    entry.plural += value
                else:
                    entry.msgstrs[-1] += value
            else:
                keyword, _, rest = line.partition(' ')
                field = keyword
                if keyword == 'msgctxt':
                    entry.context = _unquote(rest)
                elif keyword == 'msgid':
                    entry.msgid = _unquote(rest)
                elif keyword == 'msgid_plural':
                    entry.plural = _unquote(rest)
                elif keyword.startswith('msgstr'):
                    entry.msgstrs.append(_unquote(rest))
                else:
                    raise ValueError(f'{path}: cannot read the line “{line}”')
    return [e for e in entries if e.msgid]


def _xgettext_args(srcdir):
    path = os.path.join(srcdir, 'tests', 'check-translations.py')
    spec = importlib.util.spec_from_file_location('check_translations', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.XGETTEXT_ARGS


def source_strings(srcdir):
    """The strings of the sources, as xgettext finds them through
    po/POTFILES.in."""
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, 'marbles.pot')
        subprocess.run(['xgettext', '--package-name=marbles', '-o', pot,
                        '--directory=' + srcdir, '--files-from=po/POTFILES.in',
                        *_xgettext_args(srcdir)],
                       cwd=srcdir, check=True)
        return read_po(pot)


def languages(srcdir):
    with open(os.path.join(srcdir, 'po', 'LINGUAS'), encoding='utf-8') as f:
        return [w for line in f if not line.startswith('#') for w in line.split()]


def translations(srcdir, lang):
    """The entries of po/LANG.po, by (context, msgid)."""
    return {e.key: e for e in read_po(os.path.join(srcdir, 'po', lang + '.po'))}


LANGUAGE_TAG = re.compile(r'^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$')


def bundled_scripts(srcdir):
    paths = sorted(glob.glob(os.path.join(srcdir, 'data', 'scripts', '*.json')))
    return [p for p in paths if not p.endswith('.schema.json')]


def localized(value):
    """{language: text} for a text of a script: a plain string counts as
    English, an object as its languages."""
    if isinstance(value, str):
        return {'en': value}
    if isinstance(value, dict) and value and all(LANGUAGE_TAG.match(k) and isinstance(v, str)
                                                 for k, v in value.items()):
        return value
    return None


TEXT_MEMBERS = ('title', 'summary', 'text', 'hint', 'purpose')
TEXT_LISTS = ('tags', 'questions', 'phrases', 'pitfalls')


def script_texts(path):
    """(where, {language: text}) for every text of the script at PATH."""
    with open(path, encoding='utf-8') as f:
        script = json.load(f)
    found = []

    def walk(node, where):
        if isinstance(node, dict):
            for name, value in node.items():
                if name in TEXT_MEMBERS and localized(value) is not None:
                    found.append((f'{where}/{name}', localized(value)))
                elif name in TEXT_LISTS and isinstance(value, list):
                    for i, item in enumerate(value):
                        if localized(item) is not None:
                            found.append((f'{where}/{name}[{i}]', localized(item)))
                else:
                    walk(value, f'{where}/{name}')
        elif isinstance(node, list):
            for i, item in enumerate(node):
                walk(item, f'{where}[{i}]')

    walk(script, os.path.basename(path) + ':')
    return found
