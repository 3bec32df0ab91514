#!/usr/bin/env python3
# check-schema.py SOURCE_ROOT
#
# Copyright 2026 The Marbles developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Keeps data/scripts/marbles-script.schema.json in step with the loader,
# which is the authority: the limits in src/core/mb-script.h match the
# schema's, the schema accepts every bundled and good test script, and it
# rejects every broken test script except the few problems only the
# loader can see (duplicate ids, encoding, JSON syntax).

import glob
import json
import os
import re
import sys

import jsonschema

LOADER_ONLY = {
    'duplicate-question-id.json', 'duplicate-step-id.json',   # uniqueness
    'invalid-utf8.json', 'empty.json', 'whitespace.json',        # not JSON text
    'syntax-trailing-comma.json', 'syntax-unclosed.json',
}


def header_constants(root):
    with open(os.path.join(root, 'src', 'core', 'mb-script.h'), encoding='utf-8') as f:
        text = f.read()
    return {name: int(value) for name, value in
            re.findall(r'#define (MB_SCRIPT_\w+)\s+\(?(\d+)', text)}


def main():
    root = sys.argv[1]
    failures = []
    with open(os.path.join(root, 'data', 'scripts', 'marbles-script.schema.json'), encoding='utf-8') as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    limits = header_constants(root)
    props = schema['properties']

    expected = [
        (props['version']['const'], limits['MB_SCRIPT_FORMAT_VERSION'], 'version'),
        (props['id']['maxLength'], limits['MB_SCRIPT_MAX_ID_LENGTH'], 'id length'),
        (props['duration_minutes']['minimum'], limits['MB_SCRIPT_MIN_DURATION'], 'shortest duration'),
        (props['duration_minutes']['maximum'], limits['MB_SCRIPT_MAX_DURATION'], 'longest duration'),
    ]
    for in_schema, in_loader, what in expected:
        if in_schema != in_loader:
            failures.append(f'{what}: the schema says {in_schema}, the loader {in_loader}')

    scripts = sorted(glob.glob(os.path.join(root, 'data', 'scripts', '*.json')))
    scripts = [s for s in scripts if not s.endswith('.schema.json')]
    scripts += sorted(glob.glob(os.path.join(root, 'tests', 'scripts', 'good', '*.json')))
    for path in scripts:
        with open(path, encoding='utf-8') as f:
            errors = list(validator.iter_errors(json.load(f)))
        for error in errors:
            failures.append(f'{path}: the schema rejects a valid script: {error.message}')

    for path in sorted(glob.glob(os.path.join(root, 'tests', 'scripts', 'bad', '*.json'))):
        if os.path.basename(path) in LOADER_ONLY:
            continue
        with open(path, encoding='utf-8') as f:
            if validator.is_valid(json.load(f)):
                failures.append(f'{path}: the schema accepts a script the loader refuses')

    for failure in failures:
        print(failure, file=sys.stderr)
    print(f'{len(scripts)} valid and the broken scripts checked against the schema')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
