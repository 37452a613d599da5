"""A test skipped on SQLite says so with the ``postgres_only`` mark, so ``pytest -m postgres_only`` on
PostgreSQL (the second pass of .ci/run) runs every one of them and none is forgotten."""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def _marks(node) -> list[str]:
    return [ast.unparse(d) for d in getattr(node, "decorator_list", [])]


def _module_marks(tree) -> list[str]:
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "pytestmark" for t in node.targets):
            value = node.value
            return (
                [ast.unparse(v) for v in value.elts] if isinstance(value, ast.List) else [ast.unparse(value)]
            )
    return []


def unmarked_postgres_tests(source: str) -> list[str]:
    """Tests skipped unless the database is PostgreSQL that lack the postgres_only mark."""
    tree = ast.parse(source)
    module = _module_marks(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
            marks = module + _marks(node)
            skipped = any("skipif" in m and "postgresql" in m for m in marks)
            if skipped and not any(m.endswith("postgres_only") for m in marks):
                found.append(node.name)
    return found


def test_every_test_skipped_on_sqlite_is_marked_postgres_only():
    found = {
        path.name: names
        for path in sorted(TESTS.glob("test_*.py"))
        if (names := unmarked_postgres_tests(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_a_skip_without_the_mark_is_found():
    skip = '@pytest.mark.skipif(connection.vendor != "postgresql", reason="locks")\n'
    assert unmarked_postgres_tests(f"{skip}def test_locks(): pass\n") == ["test_locks"]
    assert unmarked_postgres_tests(f"@pytest.mark.postgres_only\n{skip}def test_locks(): pass\n") == []
    condition = 'pytest.mark.skipif(connection.vendor != "postgresql", reason="locks")'
    assert unmarked_postgres_tests(f"pytestmark = [{condition}]\ndef test_locks(): pass\n") == ["test_locks"]
    marked = f"pytestmark = [pytest.mark.postgres_only, {condition}]\ndef test_locks(): pass\n"
    assert unmarked_postgres_tests(marked) == []
