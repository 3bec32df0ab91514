#!/usr/bin/env python3
# check-glossary.py
#
# Copyright 2026 The Marbles developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when a word the glossary (po/README.md) rejects comes back: in the
# English of the interface (the strings of the sources, which include the
# metainfo and the export), in po/nl.po, or in the bundled scripts, each
# language against its own column. Also fails when a string that is a name
# of the glossary is translated as anything but its Dutch name.

import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gettext_util  # noqa: E402

BACKTICKED = re.compile(r'`([^`]+)`')
# The columns of both tables: English, Dutch, not in English, not in Dutch.
COLUMNS = 4


def read_table(readme, heading):
    """The rows of the first table under HEADING, as lists of cells."""
    with open(readme, encoding='utf-8') as f:
        text = f.read()
    start = text.find('\n' + heading + '\n')
    if start < 0:
        raise SystemExit(f'{readme} has no section “{heading}”')
    rows = []
    for line in text[start + len(heading) + 2:].split('\n'):
        if line.startswith('## '):
            break
        if not line.startswith('|') or re.match(r'^\|[-| ]+\|$', line):
            continue
        cells = [c.strip() for c in line.strip().strip('|').split('|')]
        if len(cells) != COLUMNS:
            raise SystemExit(f'{readme}: a row of “{heading}” does not have {COLUMNS} cells: {line}')
        rows.append(cells)
    return rows[1:]  # the first row names the columns


def glossary(srcdir):
    readme = os.path.join(srcdir, 'po', 'README.md')
    names = []
    for cells in read_table(readme, '## Names in the interface'):
        en, nl = BACKTICKED.findall(cells[0]), BACKTICKED.findall(cells[1])
        if len(en) != 1 or len(nl) != 1:
            raise SystemExit(f'{readme}: a name needs one English and one Dutch word in backticks: {cells}')
        names.append({'en': en[0], 'nl': nl[0],
                      'not en': BACKTICKED.findall(cells[2]), 'not nl': BACKTICKED.findall(cells[3])})
    words = {'en': [], 'nl': []}
    for cells in read_table(readme, '## Words and phrases'):
        words['en'] += BACKTICKED.findall(cells[2])
        words['nl'] += BACKTICKED.findall(cells[3])
    # A glossary the test cannot read would let everything pass.
    if len(names) < 10 or len(words['en']) < 5 or len(words['nl']) < 10:
        raise SystemExit(f'{readme}: the tables have fewer rows than expected; was their layout changed?')
    return names, words


def label(text):
    """A text as a label compares: without mnemonics, in any case."""
    return re.sub(r'_(?=[^_])', '', text).strip().casefold()


def labels(text):
    """The label a text is, and the label its start is, up to a colon."""
    found = {label(text)}
    if ':' in text:
        found.add(label(text.split(':', 1)[0]))
    return found


def phrase_pattern(phrases):
    """Any of PHRASES where a word starts, in any case."""
    if not phrases:
        return None
    alternatives = '|'.join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(r'(?<!\w)(?:' + alternatives + ')', re.IGNORECASE)


def is_keyword_list(msgid):
    """The desktop file's Keywords: search words, which keep the spellings
    people type."""
    return msgid.endswith(';')


def check_names(names, sources, dutch, failures):
    rejected_en = {label(w): w for n in names for w in n['not en']}
    rejected_nl = {label(w): w for n in names for w in n['not nl']}
    for entry in sources:
        where = ', '.join(entry.references[:2])
        for found in labels(entry.msgid) & rejected_en.keys():
            failures.append(f'{where}: “{entry.msgid}” uses “{rejected_en[found]}”, '
                            'which the glossary rejects')
        translation = dutch.get(entry.key)
        if translation is None:
            continue  # check-translations.py reports it
        for msgstr in translation.msgstrs:
            for found in labels(msgstr) & rejected_nl.keys():
                failures.append(f'po/nl.po: “{entry.msgid}” is translated “{msgstr}”, with '
                                f'“{rejected_nl[found]}”, which the glossary rejects')
        for name in names:
            if entry.plural is None and label(entry.msgid) == label(name['en']) \
               and label(translation.msgstrs[0]) != label(name['nl']):
                failures.append(f'po/nl.po: “{entry.msgid}” is translated “{translation.msgstrs[0]}”; '
                                f'the glossary says “{name["nl"]}”')


def check_words(words, sources, dutch, scripts, failures):
    patterns = {lang: phrase_pattern(phrases) for lang, phrases in words.items()}
    for entry in sources:
        if is_keyword_list(entry.msgid):
            continue
        texts = [('en', f'{", ".join(entry.references[:2])}: “{entry.msgid}”', entry.msgid)]
        if entry.key in dutch:
            texts += [('nl', f'po/nl.po: the translation of “{entry.msgid}”', s)
                      for s in dutch[entry.key].msgstrs]
        for lang, where, text in texts:
            for match in patterns[lang].finditer(text):
                failures.append(f'{where} says “{match.group(0)}”, which the glossary rejects')
    for path in scripts:
        for where, texts in gettext_util.script_texts(path):
            for lang, text in texts.items():
                pattern = patterns.get(lang.split('-')[0])
                for match in (pattern.finditer(text) if pattern else ()):
                    failures.append(f'{where} ({lang}) says “{match.group(0)}”, which the glossary '
                                    f'rejects: {text}')


def main():
    srcdir = sys.argv[1]
    names, words = glossary(srcdir)
    sources = gettext_util.source_strings(srcdir)
    dutch = gettext_util.translations(srcdir, 'nl')
    scripts = gettext_util.bundled_scripts(srcdir)
    failures = []
    check_names(names, sources, dutch, failures)
    check_words(words, sources, dutch, scripts, failures)
    for failure in failures:
        print(failure, file=sys.stderr)
    print(f'{len(sources)} strings of the sources and {len(scripts)} scripts checked against '
          f'{len(names)} names and {len(words["en"]) + len(words["nl"])} rejected words')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
