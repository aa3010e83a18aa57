#!/usr/bin/env python3
"""Lists functions longer than a limit (default 100 lines) in the C++ and Python sources.

C++ function bodies are found by a small scanner (comments, strings and character literals
removed; a brace opens a function body when the code before it ends in a parameter list, maybe
followed by qualifiers, a trailing return type or a constructor's initialiser list). Lambdas count
toward the function that holds them. Python functions come from the ast. Exit status 1 when any
function is over the limit, so the test command can run it.
"""
from __future__ import annotations

import argparse
import ast
import re
import sys
from pathlib import Path

CPP_SUFFIXES = {".cpp", ".hpp", ".h", ".cc", ".inc"}
# What may stand between a parameter list's ')' and the body's '{'.
QUALIFIERS = re.compile(r"\)\s*(const|noexcept(\([^()]*\))?|override|final|mutable|&&|&|\s|->\s*[\w:<>,\s*&]+)*$")
NOT_FUNCTIONS = re.compile(r"\b(if|for|while|switch|catch|return)\s*\($")


def strip_cpp(text: str) -> str:
    """The code with comments, strings and character literals blanked, newlines kept."""
    pattern = re.compile(
        r'//[^\n]*|/\*.*?\*/|R"(?P<d>[^(\s]*)\(.*?\)(?P=d)"|"(\\.|[^"\\\n])*"|\'(\\.|[^\'\\\n])*\'', re.S
    )
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def opens_function(before: str) -> bool:
    code = before.rstrip()
    # A constructor's initialiser list: ") : a(x), b{y}" — look back past it to its ')'.
    init = re.search(r"\)\s*(noexcept\s*)?:\s*[\w:]+\s*[({][^;{}]*[)}](\s*,\s*[\w:]+\s*[({][^;{}]*[)}])*$", code)
    if init:
        code = code[: init.start() + 1]
    if not code.endswith(")") and not QUALIFIERS.search(code):
        return False
    # The parameter list's own '(' and what precedes it: a name, not a control keyword or a lambda.
    depth, i = 0, len(code) - 1
    while i >= 0:
        if code[i] == ")":
            depth += 1
        elif code[i] == "(":
            depth -= 1
            if depth == 0:
                break
        i -= 1
    if i < 0:  # the '(' lies before a ';' (a for statement's header): not a parameter list
        return False
    head = code[:i].rstrip()
    if not head or head.endswith("]") or NOT_FUNCTIONS.search(code[: i + 1].rstrip()):
        return False
    return re.search(r"[\w>~=]$|operator\s*\S+$", head) is not None and not re.search(
        r"\b(if|for|while|switch|catch)$", head
    )


def cpp_functions(path: Path):
    text = strip_cpp(path.read_text(encoding="utf-8", errors="replace"))
    stack: list[tuple[bool, int, str]] = []  # (is a function body, line of '{', name)
    last = 0
    line = 1
    for pos, ch in enumerate(text):
        if ch == "\n":
            line += 1
        elif ch == "{":
            inside_function = any(is_fn for is_fn, _, _ in stack)
            before = text[last:pos]
            is_fn = not inside_function and opens_function(before)
            name = ""
            if is_fn:
                m = re.search(r"([\w:~]+|operator\s*\S+)\s*\([^()]*(\([^()]*\)[^()]*)*\)[^()]*$", before)
                name = m.group(1) if m else "?"
            stack.append((is_fn, line, name))
            last = pos + 1
        elif ch == "}":
            if stack:
                is_fn, start, name = stack.pop()
                if is_fn:
                    yield name, start, line - start + 1
            last = pos + 1
        elif ch == ";":
            last = pos + 1


def python_functions(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node.name, node.lineno, node.end_lineno - node.lineno + 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[Path("src"), Path("python/bindings"), Path("include")])
    parser.add_argument("--max", type=int, default=100, help="longest allowed function, in lines (default 100)")
    args = parser.parse_args(argv)
    too_long = []
    for root in args.paths:
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for file in files:
            if file.suffix in CPP_SUFFIXES:
                found = cpp_functions(file)
            elif file.suffix == ".py":
                found = python_functions(file)
            else:
                continue
            too_long += [(n, str(file), start, name) for name, start, n in found if n > args.max]
    for n, file, start, name in sorted(too_long, reverse=True):
        print(f"{file}:{start}: {name} is {n} lines (limit {args.max})")
    if too_long:
        print(f"{len(too_long)} function(s) over {args.max} lines", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
