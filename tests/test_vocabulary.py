"""The genre's words live in ``src/extract/vocabulary/`` and nowhere else in the code.

A Chinese literal outside it is allowed only in a docstring or in a message: a text with an
English word and a space beside it (``f"page {n} prints no 绩效自评表"``, ``"no 执行率 printed"``). A regex or a label in
code would be neither, so it fails this test with its file and line.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "extract"
VOCABULARY = PACKAGE / "vocabulary"
# CJK ideographs, radicals, CJK punctuation, full-width forms, circled numbers.
CJK = re.compile(r"[\u2460-\u24ff\u2e80-\u2fdf\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
MESSAGE = re.compile(r"[A-Za-z]{2,} | [A-Za-z]{2,}")
PATTERN_SYNTAX = re.compile(r"[\\()\[\]?*+{}|^$]")


def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                out.add(id(body[0].value))
    return out


def literals_outside_vocabulary(path: Path) -> list[tuple[int, str]]:
    """(line, text) of every string in ``path`` with a CJK character that is neither a
    docstring nor a message. An f-string counts as one text, its literal parts joined."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = _docstrings(tree)
    inside_fstring = {id(v) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for v in node.values}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
            if not PATTERN_SYNTAX.search(text):
                continue  # a message put together from values
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and id(node) not in docstrings and id(node) not in inside_fstring:
            text = node.value
        else:
            continue
        if CJK.search(text) and not MESSAGE.search(text):
            found.append((node.lineno, text))
    return found


def test_the_rule_tells_words_from_messages(tmp_path):
    source = tmp_path / "m.py"
    source.write_text('"""模块 docstring"""\n'
                      'A = re.compile(r"单位[:：]")\n'
                      'B = rf"({YEAR})\\s*年度?"\n'
                      'C = f"page {n} prints no 绩效自评表"\n'
                      'F = f"{a}: 合计 {x} ≠ Σ 类 {y}"\n'
                      'D = "no 绩效自评表 found in this document"\n'
                      'E = ("合计", "总计")\n', encoding="utf-8")
    assert sorted(line for line, _ in literals_outside_vocabulary(source)) == [2, 3, 7, 7]


def test_no_chinese_literal_outside_the_vocabulary():
    files = [p for p in sorted(PACKAGE.rglob("*.py")) if VOCABULARY not in p.parents]
    found = [f"{p.relative_to(PACKAGE)}:{line}: {text[:40]!r}"
             for p in files for line, text in literals_outside_vocabulary(p)]
    assert not found, "Chinese literals outside vocabulary/:\n" + "\n".join(found)


def test_header_roles_are_the_roles_match_role_gives_each_cell(monkeypatch):
    """header_roles looks up the answers match_role remembers and asks it the rest: for rows
    of labels as printed (spaced, scored, punctuated), unknown texts and blanks, the roles are
    those match_role names cell by cell — asked first, asked again, and after the memory of
    answers is cleared (a small bound here)."""
    import random

    from extract import labels
    from extract.vocabulary.sheets import FUND_HEADER, INDICATOR_HEADER

    monkeypatch.setattr(labels, "_MATCHED_TEXTS", 7)
    rng = random.Random(3)
    for table in (INDICATOR_HEADER, FUND_HEADER):
        printed = [v for variants in table.values() for v in variants]
        pool = printed + [" ".join(v) for v in printed[:5]] + [v + "（分）" for v in printed[:5]] + ["", " ", "x", "备"]
        for _ in range(300):
            row = [rng.choice(pool) for _ in range(rng.randint(0, 9))]
            expected = {labels.label_key(t) and labels._keyed(table).get(labels.label_key(t)) for t in row} - {None, ""}
            assert labels.header_roles(row, table) == expected
            assert labels.header_roles(row, table) == {labels.match_role(t, table) for t in row} - {None}
