#!/usr/bin/env python3
# check-mnemonics.py
#
# Copyright 2026 The Marbles developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when two mnemonics (the underlined letter of “_Save”, Alt+S) that
# are on screen together use the same letter, in English or in a
# translation, or when a translation loses the mnemonic of its string.
#
# What is on screen together, a scope:
# - In a .ui file, the structure says it. Its template (or top-level
#   object) is a scope, and so is every page of a stack (GtkStackPage,
#   AdwViewStackPage), popover, window or dialog in it, and every <menu>
#   and <submenu>: only one of them shows at a time. A widget whose class
#   has a template of its own (MbReflectPage) adds that template's strings
#   to the scope it is in. A string has a mnemonic when its object sets
#   use-underline, or when it labels a menu item.
# - A string set in C has no structure to read: SCOPES_IN_C below says
#   where each one shows, by hand. A scope there is either a scope of a
#   .ui file (“file#name”, the name being the object's id or its page
#   name) that C adds buttons to, or a dialog built in C. Every string
#   with a mnemonic that xgettext finds in a .c file must be in the table,
#   so a new one cannot slip past; a string the sources no longer have
#   must leave it.

import os
import re
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gettext_util  # noqa: E402

SCOPES_IN_C = {
    # The button after the last step, labelled in mb-conversation-view-talk.c.
    'src/mb-conversation-view.ui#talk': ['_Next Step', '_Reflect'],
    # mb_question_new() in mb-widgets.c adds “_Cancel” to each of these.
    'the agreement dialog (mb-agreement-dialog.c)': ['_Cancel', '_Add', '_What was agreed',
                                                     'Who _promised it', '_Due on a date'],
    'the marble dialog (mb-conversation-view.c)': ['_Cancel', '_Add'],
    'the edit person dialog (mb-people-page.c)': ['_Cancel', '_Save'],
    'the forget dialog (mb-people-page.c)': ['_Cancel', '_Forget'],
    'the delete dialog (mb-conversations-page.c)': ['_Cancel', '_Delete'],
    'the remove script dialog (mb-scripts-page.c)': ['_Cancel', '_Remove'],
    'the replace script dialog (mb-scripts-page.c)': ['_Cancel', '_Replace'],
    'the start a new journal dialog (mb-missing-journal.c)': ['_Cancel', '_Start a New Journal'],
    'the promise kept dialog (mb-widgets.c)': ['_Cancel', 'Only Mark _Kept', 'Add a _Marble'],
    'the promise not kept dialog (mb-widgets.c)': ['_Cancel', 'Only Mark _Not Kept', 'Take a _Marble Out'],
    'the problem dialog (mb-widgets.c)': ['_Close'],
    # mb-version-view.c labels the button under each of the two versions the
    # compare dialog shows side by side.
    'the compare dialog (mb-compare-dialog.c)': ['_Keep This Journal’s Version', 'Keep the _Copy'],
    'the unsaved changes dialog (mb-unsaved-dialog.c)': ['_Keep Open', '_Save a Copy…',
                                                         '_Quit and Lose Changes'],
    # File choosers: GTK adds its own “_Cancel”, in GTK's translation.
    'the export file chooser (mb-export-ui.c)': ['_Save'],
    'the plain text export question (mb-export-ui.c)': ['_Cancel', '_Export'],
    'the copy file chooser (mb-unsaved-dialog.c)': ['_Save'],
    'the import file chooser (mb-scripts-page.c)': ['_Import'],
    'the deleted conversation toast (mb-conversations-page.c)': ['_Undo'],
    'the promise toast (mb-window.c)': ['_Plan'],
    # The unlock page's second button says one or the other.
    'the unlock page (mb-unlock-page.c)': ['Use the _Recovery Key Instead',
                                           'Use the _Passphrase Instead'],
    'the protect dialog (mb-preferences-window.c)': ['_Cancel', '_Protect'],
    'the remove protection dialog (mb-preferences-window.c)': ['_Cancel', '_Remove Protection'],
    'the change passphrase dialog (mb-preferences-window.c)': ['_Cancel', 'C_hange'],
    'the recovery key dialog (mb-recovery-key-dialog.c)': ['Cop_y', '_Print…',
                                                           'I _have kept the recovery key', '_Continue'],
}

NEW_SCOPE_CLASSES = {'GtkStackPage', 'AdwViewStackPage', 'GtkPopover', 'GtkPopoverMenu',
                     'GtkWindow', 'GtkDialog', 'AdwWindow', 'AdwMessageDialog',
                     'AdwPreferencesWindow', 'AdwApplicationWindow'}
TRUE = {'true', 'yes', '1', 't', 'y'}
MNEMONIC = re.compile(r'(?<!_)_([^_\s])')


def mnemonic(text):
    """The letter of TEXT's mnemonic, or None."""
    match = MNEMONIC.search(text.replace('__', ''))
    return match.group(1).casefold() if match else None


def scope_name(path, element, counter):
    if element.tag == 'template':
        return f'{path}#{element.get("class")}'
    name = element.get('id')
    if name is None:
        for prop in element.findall('property'):
            if prop.get('name') == 'name' and prop.text:
                name = prop.text
    if name is None:
        counter[0] += 1
        name = f'{element.get("class", element.tag)} {counter[0]}'
    return f'{path}#{name}'


def object_mnemonics(element):
    """The translatable strings with a mnemonic of one <object>."""
    props = element.findall('property')
    underline = any(p.get('name') == 'use-underline' and (p.text or '').strip().lower() in TRUE
                    for p in props)
    if not underline:
        return []
    return [(p.get('context'), p.text) for p in props
            if p.get('translatable') == 'yes' and p.text and mnemonic(p.text)]


def ui_scopes(srcdir, path, embedded=None):
    """{scope: [(context, msgid)]} of one .ui file; adds (scope, class) to
    EMBEDDED for every object in a scope, to find the templates of other
    .ui files that show in it."""
    scopes = {}
    counter = [0]
    embedded = [] if embedded is None else embedded

    def walk(element, scope):
        if element.tag in ('template', 'menu', 'submenu') or \
           (element.tag == 'object' and element.get('class') in NEW_SCOPE_CLASSES):
            scope = scope_name(path, element, counter)
            scopes.setdefault(scope, [])
        if element.tag == 'object':
            scopes.setdefault(scope, []).extend(object_mnemonics(element))
            embedded.append((scope, element.get('class')))
        if element.tag == 'item':
            for attr in element.findall('attribute'):
                if attr.get('name') == 'label' and attr.get('translatable') == 'yes' \
                   and attr.text and mnemonic(attr.text):
                    scopes.setdefault(scope, []).append((attr.get('context'), attr.text))
        for child in element:
            walk(child, scope)

    root = ET.parse(os.path.join(srcdir, path)).getroot()
    for child in root:
        walk(child, f'{path}#top')
    return scopes


def check_scope(scope, strings, translations, failures):
    """STRINGS, (context, msgid) pairs, share SCOPE."""
    languages = {'en': {key: key[1] for key in strings}}
    for lang, entries in translations.items():
        languages[lang] = {}
        for key in strings:
            entry = entries.get(key)
            if entry is None or not entry.msgstrs[0]:
                continue  # check-translations.py reports it
            if mnemonic(entry.msgstrs[0]) is None:
                failures.append(f'po/{lang}.po: “{entry.msgstrs[0]}” has no mnemonic, '
                                f'but “{key[1]}” has one ({scope})')
                continue
            languages[lang][key] = entry.msgstrs[0]
    for lang, texts in languages.items():
        seen = {}
        for text in texts.values():
            letter = mnemonic(text)
            if letter in seen and seen[letter] != text:
                failures.append(f'{lang}: “{seen[letter]}” and “{text}” both use Alt+{letter.upper()} '
                                f'in {scope}')
            seen.setdefault(letter, text)


def main():
    srcdir = sys.argv[1]
    failures = []
    sources = gettext_util.source_strings(srcdir)
    translations = {lang: gettext_util.translations(srcdir, lang)
                    for lang in gettext_util.languages(srcdir)}

    with open(os.path.join(srcdir, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        ui_files = [line.strip() for line in f if line.strip().endswith('.ui')]
    scopes = {}
    embedded = []
    for path in ui_files:
        scopes.update(ui_scopes(srcdir, path, embedded))
    # A widget with a template of its own (MbReflectPage in a page of
    # MbConversationView) shows its strings beside those of where it is.
    templates = {scope.split('#', 1)[1]: scope for scope in scopes}
    for scope, cls in embedded:
        if cls in templates and templates[cls] != scope:
            scopes[scope] = scopes[scope] + scopes[templates[cls]]

    in_c = {e.msgid for e in sources
            if mnemonic(e.msgid) and any(r.split(':')[0].endswith('.c') for r in e.references)}
    tabled = {msgid for strings in SCOPES_IN_C.values() for msgid in strings}
    for msgid in sorted(in_c - tabled):
        failures.append(f'“{msgid}” has a mnemonic and is set in C: add it to SCOPES_IN_C '
                        'with the strings it shows beside')
    for msgid in sorted(tabled - in_c):
        failures.append(f'SCOPES_IN_C names “{msgid}”, which no .c file has (any more)')
    for scope, strings in SCOPES_IN_C.items():
        if '#' in scope and scope not in scopes:
            failures.append(f'SCOPES_IN_C names {scope}, which no .ui file has')
        scopes.setdefault(scope, []).extend((None, msgid) for msgid in strings)

    for scope, strings in sorted(scopes.items()):
        check_scope(scope, strings, translations, failures)
    for failure in failures:
        print(failure, file=sys.stderr)
    print(f'{sum(len(s) for s in scopes.values())} strings with a mnemonic checked in '
          f'{len([s for s in scopes.values() if s])} scopes, in English and {", ".join(translations)}')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
