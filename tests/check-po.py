#!/usr/bin/env python3
"""Check that po/fr.po translates every string of the sources.

1. Every C file under app/, widgets/ and core/ that marks strings with _(),
   N_() or C_() and every .ui file with translatable="yes" is listed in
   po/POTFILES.in.
2. A template extracted now from POTFILES.in, merged with fr.po, has no
   untranslated and no fuzzy message (msgfmt --check --statistics).

Usage: check-po.py SOURCE_ROOT
"""

import pathlib
import re
import subprocess
import sys
import tempfile

MARK = re.compile(r'\b(?:N_|C_|NC_|_)\s*\(\s*"')

XGETTEXT_ARGS = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3',
    '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format',
    '--flag=NC_:2:pass-c-format', '--flag=g_dngettext:2:pass-c-format',
    '--flag=g_strdup_printf:1:c-format', '--flag=g_string_printf:2:c-format',
    '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format', '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format', '--flag=g_printerr:1:c-format',
    '--flag=g_printf:1:c-format', '--flag=g_fprintf:2:c-format',
    '--flag=g_sprintf:2:c-format', '--flag=g_snprintf:3:c-format',
]


def listed_files(root):
    lines = (root / 'po' / 'POTFILES.in').read_text(encoding='utf-8').splitlines()
    return {l.strip() for l in lines if l.strip() and not l.startswith('#')}


def files_with_strings(root):
    found = set()
    for folder in ('app', 'widgets', 'core'):
        for path in sorted((root / folder).glob('*.c')):
            if MARK.search(path.read_text(encoding='utf-8', errors='replace')):
                found.add(path.relative_to(root).as_posix())
    for path in sorted((root / 'resources').rglob('*.ui')):
        if 'translatable="yes"' in path.read_text(encoding='utf-8'):
            found.add(path.relative_to(root).as_posix())
    return found


def run(args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, **kwargs)


def main():
    root = pathlib.Path(sys.argv[1]).resolve()
    po = root / 'po' / 'fr.po'
    failed = False

    listed = listed_files(root)
    for path in sorted(files_with_strings(root) - listed):
        print(f'{path} has translatable strings but is not in po/POTFILES.in: add it there')
        failed = True
    for path in sorted(listed):
        if not (root / path).exists():
            print(f'po/POTFILES.in lists {path}, which does not exist: remove it')
            failed = True
    if failed:
        return 1

    check = run(['msgfmt', '--check', '--statistics', '-o', '/dev/null', str(po)])
    print('fr.po:', check.stderr.strip())
    if check.returncode != 0:
        print('msgfmt --check rejects po/fr.po; fix the errors above')
        return 1

    with tempfile.TemporaryDirectory() as tmp:
        pot = pathlib.Path(tmp) / 'cusp.pot'
        merged = pathlib.Path(tmp) / 'fr.po'
        extract = run(['xgettext', *XGETTEXT_ARGS, '--directory', str(root),
                       '--files-from', str(root / 'po' / 'POTFILES.in'),
                       '--output', str(pot)])
        if extract.returncode != 0:
            print(extract.stderr)
            return 1
        merge = run(['msgmerge', '--quiet', '--no-fuzzy-matching',
                     '--output-file', str(merged), str(po), str(pot)])
        if merge.returncode != 0:
            print(merge.stderr)
            return 1
        stats = run(['msgfmt', '--check', '--statistics', '-o', '/dev/null', str(merged)])

    print('fr.po merged with the current sources:', stats.stderr.strip())
    if stats.returncode != 0:
        return 1
    if re.search(r'\b\d+ (fuzzy|untranslated)', stats.stderr):
        print('po/fr.po is missing translations: run `meson compile -C BUILD cusp-update-po`,'
              ' translate the new and fuzzy messages, and remove the fuzzy flags')
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
