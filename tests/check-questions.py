#!/usr/bin/env python3
# check-questions.py
#
# Copyright 2026 The Marbles developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when a script asks a why-question: the scripts warn that “why”
# sounds like an interrogation and ask “what” and “how” instead. Checked
# in every language a script has: the questions of its steps, its
# preparation and reflection questions, and every question in its example
# phrasings (“Tell me more. Why did you…?”). Pitfalls may quote a
# why-question: that is what they warn against.
#
# A script in a language this test does not know fails too, until WHY
# below has the word for it.

import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gettext_util  # noqa: E402

WHY = {
    'en': {'why'},
    'nl': {'waarom'},
}

# A sentence ends at . ? ! … and a clause at : or ; (“I'm curious: why…?”).
SENTENCE_END = re.compile(r'(?<=[.?!…:;])\s+')
FIRST_WORD = re.compile(r'\w+')


def first_word(text):
    match = FIRST_WORD.search(text)
    return match.group(0).casefold() if match else ''


def questions_in(text):
    """The sentences of TEXT that are questions."""
    return [s for s in SENTENCE_END.split(text) if s.rstrip('”’"\' )').endswith('?')]


def asked(script):
    """(where, {language: text}, whole) for every text of SCRIPT that is or
    holds questions; WHOLE when the whole text is a question."""
    for kind in ('preparation', 'reflection'):
        for i, question in enumerate(script.get(kind, [])):
            yield f'{kind}[{i}]', question.get('text'), True
    for i, step in enumerate(script.get('steps', [])):
        for j, question in enumerate(step.get('questions', [])):
            yield f'steps[{i}].questions[{j}]', question, True
        for j, phrase in enumerate(step.get('phrases', [])):
            yield f'steps[{i}].phrases[{j}]', phrase, False


def check(path, failures):
    with open(path, encoding='utf-8') as f:
        script = json.load(f)
    name = os.path.basename(path)
    for where, value, whole in asked(script):
        texts = gettext_util.localized(value) or {}
        for lang, text in texts.items():
            words = WHY.get(lang.split('-')[0])
            if words is None:
                failures.append(f'{name}: {where} is in “{lang}”: add the word for “why” in it to WHY')
                continue
            starts = questions_in(text) + ([text] if whole else [])
            for sentence in starts:
                if first_word(sentence) in words:
                    failures.append(f'{name}: {where} ({lang}) asks a why-question: {sentence}')
                    break


def main():
    srcdir = sys.argv[1]
    paths = gettext_util.bundled_scripts(srcdir) + sys.argv[2:]
    failures = []
    for path in paths:
        check(path, failures)
    for failure in failures:
        print(failure, file=sys.stderr)
    print(f'{len(paths)} scripts checked for why-questions')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
